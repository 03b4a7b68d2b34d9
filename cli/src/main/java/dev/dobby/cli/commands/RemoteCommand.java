package dev.dobby.cli.commands;

import dev.dobby.cli.CliException;
import dev.dobby.cli.ExitCode;
import dev.dobby.cli.HubOptions;
import dev.dobby.cli.Install;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "remote",
        description = "Open an interactive Claude Code session that can see and steer this Dobby hub.",
        footer = {"",
                "Starts `claude` in the current directory (or --dir) with Dobby's MCP server attached, so you can ask it",
                "to queue work, check on agents and read results. Needs Claude Code installed (claude on PATH, or",
                "DOBBY_CLAUDE_BIN).",
                "",
                "Example:",
                "  dobby remote --hub https://dobby.example.com"})
public final class RemoteCommand implements Callable<Integer> {
    @Mixin
    HubOptions hub;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to start the session (default: here).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        String claude = System.getenv("DOBBY_CLAUDE_BIN");
        if (claude == null || claude.isBlank()) {
            claude = onPath("claude");
        }
        if (claude == null) {
            throw new CliException(ExitCode.ERROR, "claude not found on PATH (install Claude Code, or set DOBBY_CLAUDE_BIN)");
        }
        String server = Install.root().map(r -> r.resolve("bin/dobby-mcp").toString()).orElse("dobby-mcp");
        String url = hub.client().baseUrl();
        String mcp = "{\"mcpServers\":{\"dobby\":{\"command\":" + quote(server) + ",\"env\":{\"DOBBY_URL\":" + quote(url)
                + (System.getenv("DOBBY_API_KEY") == null ? "" : ",\"DOBBY_API_KEY\":" + quote(System.getenv("DOBBY_API_KEY")))
                + "}}}}";
        List<String> command = new ArrayList<>(List.of(claude, "--mcp-config", mcp));
        Process process = new ProcessBuilder(command)
                .directory((dir == null ? Path.of("") : dir).toAbsolutePath().toFile())
                .inheritIO()
                .start();
        return process.waitFor();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            File f = new File(d, name);
            if (f.isFile() && f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
