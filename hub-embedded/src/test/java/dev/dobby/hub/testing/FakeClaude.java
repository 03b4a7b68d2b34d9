package dev.dobby.hub.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A fake {@code claude} for session tests, replaying the real CLI's capture of one session
 * ({@code claude-stream-sample-resumed-after-limit-2.1.197.jsonl}). Each run appends its argv, as one line, to a
 * file that {@link #runs()} reads.
 */
public final class FakeClaude {
    /** The session id of the captured transcript. */
    public static final String SESSION = "15459f00-aecc-4b8d-88bd-614acdde6b7c";
    private static final String TRANSCRIPT = "/agents/claude-stream-sample-resumed-after-limit-2.1.197.jsonl";

    private final Path program;
    private final Path runs;

    private FakeClaude(Path program, Path runs) {
        this.program = program;
        this.runs = runs;
    }

    /** Without --resume: the session's first two lines, then it hangs; with --resume: the finished session. */
    public static FakeClaude hangingUntilResumed(Path dir) {
        return write(dir, "case \"$*\" in *--resume=*) cat \"$t\" ;;\n  *) head -n 2 \"$t\"; exec sleep 300 ;; esac\n");
    }

    /** The whole session, with a pause of {@code seconds} after its first two lines. */
    public static FakeClaude pausingMidSession(Path dir, int seconds) {
        return write(dir, "head -n 2 \"$t\"; sleep " + seconds + "; tail -n +3 \"$t\"\n");
    }

    private static FakeClaude write(Path dir, String body) {
        try {
            Path transcript = dir.resolve("session.jsonl");
            try (InputStream in = FakeClaude.class.getResourceAsStream(TRANSCRIPT)) {
                Files.copy(in, transcript, StandardCopyOption.REPLACE_EXISTING);
            }
            Path runs = dir.resolve("claude-runs");
            Path script = dir.resolve("claude.sh");
            Files.writeString(script, "#!/bin/sh\n"
                    + "t='" + transcript + "'\n"
                    + "echo \"$*\" >> '" + runs + "'\n"
                    + body);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return new FakeClaude(script, runs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path program() {
        return program;
    }

    /** Each run's arguments, joined by spaces, in the order the runs started. */
    public List<String> runs() {
        try {
            return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
