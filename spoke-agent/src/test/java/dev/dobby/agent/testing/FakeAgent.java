package dev.dobby.agent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * A stand-in for the {@code claude} or {@code codex} program: a small shell script that records the argv it was
 * given (NUL-separated, so arguments with newlines survive), its working directory and a few variables, then
 * replays a transcript on stdout and exits with a given code — or prints the first lines and hangs, like an agent
 * that gets killed mid-run.
 */
public final class FakeAgent {
    private final Path dir;
    private final Path program;

    private FakeAgent(Path dir, Path program) {
        this.dir = dir;
        this.program = program;
    }

    /** Replays the whole transcript (a test resource under fixtures/agents/), then exits with {@code exitCode}. */
    public static FakeAgent replaying(Path tempDir, String name, String transcript, int exitCode) {
        return create(tempDir, name, transcript, "cat " + quoted(tempDir.resolve(name + "-home/transcript.jsonl"))
                + "\nexit " + exitCode + "\n");
    }

    /** Prints the transcript's first {@code lines} lines, then waits (in the same process) until killed. */
    public static FakeAgent hangingAfter(Path tempDir, String name, String transcript, int lines) {
        return create(tempDir, name, transcript, "head -n " + lines + " "
                + quoted(tempDir.resolve(name + "-home/transcript.jsonl")) + "\nexec sleep 60\n");
    }

    /** Writes {@code stdout} lines as given (for hand-made streams), then exits with {@code exitCode}. */
    public static FakeAgent printing(Path tempDir, String name, String stdout, int exitCode) {
        FakeAgent agent = create(tempDir, name, null, "cat " + quoted(tempDir.resolve(name + "-home/transcript.jsonl"))
                + "\nexit " + exitCode + "\n");
        write(agent.dir.resolve("transcript.jsonl"), stdout);
        return agent;
    }

    private static FakeAgent create(Path tempDir, String name, String transcript, String body) {
        Path home = tempDir.resolve(name + "-home");
        try {
            Files.createDirectories(home);
            if (transcript != null) {
                try (InputStream in = FakeAgent.class.getResourceAsStream("/fixtures/agents/" + transcript)) {
                    if (in == null) {
                        throw new IllegalArgumentException("no fixture " + transcript);
                    }
                    Files.write(home.resolve("transcript.jsonl"), in.readAllBytes());
                }
            }
            Path program = home.resolve(name);
            String script = "#!/bin/sh\n"
                    + "printf '%s\\000' \"$@\" > " + quoted(home.resolve("argv")) + "\n"
                    + "pwd > " + quoted(home.resolve("cwd")) + "\n"
                    + "printf '%s' \"${IS_SANDBOX-unset}\" > " + quoted(home.resolve("is_sandbox")) + "\n"
                    + "printf '%s' \"${DOBBY_TASK_ID-unset}\" > " + quoted(home.resolve("task_id")) + "\n"
                    + body;
            write(program, script);
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new FakeAgent(home, program);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(Path path) {
        String text = path.toString();
        if (text.contains("'")) {
            throw new IllegalArgumentException("test paths must not contain quotes: " + text);
        }
        return "'" + text + "'";
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path program() {
        return program;
    }

    public boolean ran() {
        return Files.exists(dir.resolve("argv"));
    }

    /** The arguments the program received, without the program itself. */
    public List<String> argv() {
        String raw = read("argv");
        if (raw.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(raw.substring(0, raw.length() - 1).split("\0", -1));
    }

    public Path cwd() {
        return Path.of(read("cwd").strip());
    }

    /** IS_SANDBOX as the program saw it, or "unset". */
    public String isSandbox() {
        return read("is_sandbox");
    }

    public String taskIdVariable() {
        return read("task_id");
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
