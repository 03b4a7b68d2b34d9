package dev.dobby.hub.testing;

import dev.dobby.protocol.client.HubHttpClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A hub in a separate JVM (see {@link HubMain}), for crash tests. */
public final class HubProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private HubProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static HubProcess start(Path home) {
        return start(home, List.of());
    }

    /** With {@link HubMain}'s optional arguments: lease and heartbeat seconds, local agents. */
    public static HubProcess start(Path home, List<String> settings) {
        return start(home, settings, List.of());
    }

    /** As {@link #start(Path, List)}, with extra options for the hub's JVM (such as a hosts file). */
    public static HubProcess start(Path home, List<String> settings, List<String> jvmOptions) {
        return start(home, settings, jvmOptions, java.util.Map.of());
    }

    /** As {@link #start(Path, List, List)}, with extra environment variables for the hub. */
    public static HubProcess start(Path home, List<String> settings, List<String> jvmOptions,
            java.util.Map<String, String> environment) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HubMain.class.getName(),
                home.toString()));
        command.addAll(settings);
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder
                    .redirectError(ProcessBuilder.Redirect.appendTo(home.resolve("hub-process.log").toFile()))
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("port ")) {
                process.destroyForcibly();
                throw new IllegalStateException("the hub process did not start; see " + home.resolve("hub-process.log"));
            }
            return new HubProcess(process, Integer.parseInt(line.substring(5).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public HubHttpClient client() {
        return new HubHttpClient("http://127.0.0.1:" + port, null);
    }

    /** SIGKILL: no shutdown hook, no cleanup, exactly like a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
