package dev.dobby.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The server process driven by hand, line by line, to see exactly what it writes where. */
final class RawStdioServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String END = "\u0000end";

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    private RawStdioServer(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        pump(process.getInputStream(), line -> {
            stdoutSeen.add(line);
            stdout.add(line);
        }, "stdout");
        pump(process.getErrorStream(), stderr::add, "stderr");
    }

    static RawStdioServer start(Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(McpServerProcess.javaCommand());
        command.addAll(McpServerProcess.serverArgs());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return new RawStdioServer(builder.start());
    }

    void send(String json) throws IOException {
        stdin.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** The next line on stdout, as JSON; fails if none comes within {@code limit}. */
    JsonNode next(Duration limit) throws InterruptedException, IOException {
        String line = stdout.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null || line.equals(END)) {
            throw new AssertionError("no message on stdout within " + limit + "; stderr: " + stderr);
        }
        return JSON.readTree(line);
    }

    /** Closes stdin, as an MCP client does to end the session, and waits for the exit status. */
    int closeInputAndWait(Duration limit) throws IOException, InterruptedException {
        stdin.close();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server did not exit within " + limit + " after stdin closed");
        }
        return process.exitValue();
    }

    int waitForExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server did not exit within " + limit);
        }
        return process.exitValue();
    }

    /** Every line written to stdout so far. */
    List<String> stdoutLines() {
        return List.copyOf(stdoutSeen);
    }

    List<String> stderrLines() {
        return List.copyOf(stderr);
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void pump(InputStream in, java.util.function.Consumer<String> sink, String name) {
        Thread.ofPlatform().daemon().name("raw-server-" + name).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process went away
            } finally {
                if (name.equals("stdout")) {
                    stdout.add(END);
                }
            }
        });
    }
}
