package dev.dobby.cli;

import dev.dobby.cli.deploy.CloudInit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A provisioned server, played on this machine under a folder of its own: it writes the cloud-init's files there,
 * runs its fetch script (curl and sha256sum against the hub, as on the server) and starts the spoke the way the
 * systemd unit says, paths moved under the folder. Installing Java and systemd itself are the OS's part, not run.
 */
final class FakeInstance implements AutoCloseable {
    private final Path root;
    private final List<String> command;
    private final String tokenFile;
    private Process spoke;

    private FakeInstance(Path root, List<String> command, String tokenFile) {
        this.root = root;
        this.command = command;
        this.tokenFile = tokenFile;
    }

    static FakeInstance boot(Path root, String userData) {
        try {
            JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(userData);
            for (JsonNode file : config.path("write_files")) {
                Path target = under(root, file.path("path").asText());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.path("content").asText(), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                        permissions(file.path("permissions").asText("0644"))));
            }
            ProcessBuilder fetch = new ProcessBuilder("sh", under(root, CloudInit.FETCH_SCRIPT).toString())
                    .redirectErrorStream(true).redirectOutput(root.resolve("fetch.log").toFile());
            fetch.environment().put("DOBBY_ROOT", root.toString());
            Process fetching = fetch.start();
            if (!fetching.waitFor(60, TimeUnit.SECONDS) || fetching.exitValue() != 0) {
                throw new IllegalStateException("the fetch script failed: " + Files.readString(root.resolve("fetch.log")));
            }
            String unit = Files.readString(under(root, CloudInit.UNIT));
            String exec = unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow()
                    .substring("ExecStart=".length());
            String env = unit.lines().filter(l -> l.startsWith("Environment=DOBBY_SPOKE_TOKEN_FILE=")).findFirst()
                    .orElseThrow().substring("Environment=DOBBY_SPOKE_TOKEN_FILE=".length());
            List<String> command = new ArrayList<>();
            for (String word : exec.split(" ")) {
                if (word.equals("/usr/bin/java")) {
                    command.add(ProcessHandle.current().info().command().orElse("java"));
                } else if (word.startsWith("/opt/dobby") || word.startsWith("/var/lib/dobby")) {
                    command.add(under(root, word).toString());
                } else {
                    command.add(word);
                }
            }
            FakeInstance instance = new FakeInstance(root, command, under(root, env).toString());
            instance.startSpoke();
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    synchronized void startSpoke() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("spoke.log").toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("DOBBY_"));
        builder.environment().put("DOBBY_SPOKE_TOKEN_FILE", tokenFile);
        spoke = builder.start();
    }

    /** The machine reboots: the spoke is killed outright and started again by its unit. */
    synchronized void rebootSpoke() throws IOException, InterruptedException {
        spoke.destroyForcibly().waitFor();
        startSpoke();
    }

    Path tokenFile() {
        return Path.of(tokenFile);
    }

    String log() {
        try {
            return Files.readString(root.resolve("spoke.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private static Path under(Path root, String absolute) {
        return root.resolve(absolute.substring(1));
    }

    private static String permissions(String octal) {
        StringBuilder out = new StringBuilder();
        for (char c : octal.substring(octal.length() - 3).toCharArray()) {
            int bits = c - '0';
            out.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return out.toString();
    }

    @Override
    public synchronized void close() {
        if (spoke != null) {
            spoke.destroy();
            try {
                if (!spoke.waitFor(10, TimeUnit.SECONDS)) {
                    spoke.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
