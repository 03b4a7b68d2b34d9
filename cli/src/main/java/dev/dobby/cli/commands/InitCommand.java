package dev.dobby.cli.commands;

import dev.dobby.cli.ExitCode;
import dev.dobby.cli.Install;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubUnreachableException;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.client.HubHttpClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "init",
        description = "First-time set-up: write .env, register this directory, print the MCP snippet for Claude Code.",
        footer = {"",
                "It asks a few questions; answers can be piped in, one per line (an empty line takes the default):",
                "  printf '\\n\\nn\\ny\\nshop\\n' | dobby init",
                "It never overwrites an existing .env without asking."})
public final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private BufferedReader in;
    private PrintWriter out;

    @Override
    public Integer call() throws IOException {
        out = spec.commandLine().getOut();
        in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Path dir = Path.of("").toAbsolutePath();
        Path envFile = dir.resolve(".env");

        out.println("Dobby set-up in " + dir);
        boolean writeEnv = true;
        if (Files.exists(envFile)) {
            writeEnv = yes("A .env already exists here. Overwrite it?", false);
            if (!writeEnv) {
                out.println("Keeping the existing .env.");
            }
        }
        String url = ask("Hub URL", HubHttpClient.DEFAULT_URL);
        new HubHttpClient(url, null);
        String key = ask("API key for the hub (empty for none, 'generate' to make one)", "");
        if (key.equalsIgnoreCase("generate")) {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            key = HexFormat.of().formatHex(bytes);
            out.println("  generated a key; it is saved in .env as DOBBY_API_KEY");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("DOBBY_URL", url);
        values.put("DOBBY_API_KEY", key);
        if (yes("Set up the Slack bot tokens?", false)) {
            values.put("SLACK_BOT_TOKEN", ask("  Slack bot token (xoxb-...)", ""));
            values.put("SLACK_APP_TOKEN", ask("  Slack app token (xapp-...)", ""));
        }
        if (writeEnv) {
            writeEnv(envFile, values);
            out.println("Wrote " + envFile + " (readable only by you).");
        }

        int code = ExitCode.OK;
        if (yes("Register this directory as a project?", true)) {
            String name = ask("  Project name", defaultName(dir));
            code = register(url, key, name, dir);
        }
        out.println();
        out.println("To use Dobby from Claude Code, add this to .mcp.json (or ~/.claude/.mcp.json):");
        out.println();
        out.println(mcpSnippet(url, key));
        out.flush();
        return code;
    }

    private int register(String url, String key, String name, Path dir) {
        try {
            new HubHttpClient(url, key).registerProject(NewProject.of(name, dir.toString()));
            out.println("Registered " + dir + " as project " + name + ".");
            return ExitCode.OK;
        } catch (HubUnreachableException e) {
            out.println("No hub answers at " + url + " yet. Once `dobby start` runs, register with:");
            out.println("  dobby register " + dir + " --name " + name);
            return ExitCode.OK;
        } catch (ApiException e) {
            spec.commandLine().getErr().println("dobby: could not register the project: " + e.getMessage());
            return e.status() == 409 ? ExitCode.OK : ExitCode.REFUSED;
        }
    }

    static String defaultName(Path dir) {
        String base = dir.getFileName() == null ? "project" : dir.getFileName().toString();
        String name = base.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        return name.isEmpty() ? "project" : name.length() > 64 ? name.substring(0, 64) : name;
    }

    private void writeEnv(Path file, Map<String, String> values) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("# Dobby settings, written by `dobby init`. Every hub setting can go here as DOBBY_<KEY>,\n");
        text.append("# e.g. DOBBY_PORT=8420, DOBBY_MAX_CONCURRENT_AGENTS=5, DOBBY_DEFAULT_TIMEOUT=30m.\n");
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                text.append(k).append('=').append(v).append('\n');
            }
        });
        Path tmp = file.resolveSibling(".env.tmp");
        Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file stays with its default permissions.
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static String mcpSnippet(String url, String key) {
        String command = Install.root().map(r -> r.resolve("bin/dobby-mcp").toString()).orElse("dobby-mcp");
        String env = "        \"DOBBY_URL\": \"" + url + "\"" + (key == null || key.isBlank() ? ""
                : ",\n        \"DOBBY_API_KEY\": \"" + key + "\"");
        return """
                {
                  "mcpServers": {
                    "dobby": {
                      "command": "%s",
                      "env": {
                %s
                      }
                    }
                  }
                }""".formatted(command, env);
    }

    private String ask(String question, String fallback) throws IOException {
        out.print(question + (fallback.isEmpty() ? ": " : " [" + fallback + "]: "));
        out.flush();
        String line = in.readLine();
        if (line == null) {
            out.println();
        }
        return line == null || line.isBlank() ? fallback : line.strip();
    }

    private boolean yes(String question, boolean fallback) throws IOException {
        String answer = ask(question + (fallback ? " [Y/n]" : " [y/N]"), "").toLowerCase(Locale.ROOT);
        if (answer.isEmpty()) {
            return fallback;
        }
        return answer.startsWith("y");
    }
}
