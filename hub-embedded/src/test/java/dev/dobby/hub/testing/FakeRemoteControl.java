package dev.dobby.hub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A fake {@code claude} for Remote Control sessions. {@code --version} prints a version the way Claude Code does;
 * {@code remote-control} either serves (prints its session line with a link, stays up, ends on SIGTERM) or fails
 * with the words and exit status the real CLI 2.1.197 has without a login (captured from it, see docs/remote.md).
 * Each run appends its argv to a file that {@link #runs()} reads.
 */
public final class FakeRemoteControl {
    public static final String LINK = "https://claude.ai/code/session_01FakeRemoteSession";
    /** What Claude Code 2.1.197 prints to stderr, before exiting 1, for remote-control without a login. */
    public static final String NOT_LOGGED_IN = "Error: You must be logged in to use Remote Control.\n\n"
            + "Remote Control is only available with claude.ai subscriptions. Please use `/login` to sign in with"
            + " your claude.ai account.";

    private final Path program;
    private final Path runs;
    private final Path pidFile;

    private FakeRemoteControl(Path program, Path runs, Path pidFile) {
        this.program = program;
        this.runs = runs;
        this.pidFile = pidFile;
    }

    /** Serves a session until SIGTERM. */
    public static FakeRemoteControl serving(Path dir) {
        return write(dir, "2.1.197", "echo $$ > \"$pidfile\"\n"
                + "name=; for a in \"$@\"; do case \"$a\" in --name=*) name=\"${a#--name=}\";; esac; done\n"
                + "echo \"Remote Control session \\\"$name\\\" is ready in $(pwd)\"\n"
                + "echo \"Open " + LINK + " in a browser or the Claude app\"\n"
                + "trap 'echo \"Remote Control stopped\"; exit 0' TERM\n"
                + "while :; do sleep 1 & wait $!; done\n");
    }

    /** Fails as the real CLI does without a claude.ai login. */
    public static FakeRemoteControl notLoggedIn(Path dir) {
        String text = NOT_LOGGED_IN.replace("`", "\\`");
        return write(dir, "2.1.197", "printf '%s\\n' \"" + text + "\" >&2\nexit 1\n");
    }

    /** A Claude Code from before Remote Control. */
    public static FakeRemoteControl version(Path dir, String version) {
        return write(dir, version, "echo 'unknown command remote-control' >&2\nexit 1\n");
    }

    private static FakeRemoteControl write(Path dir, String version, String remoteControl) {
        try {
            Files.createDirectories(dir);
            Path runs = dir.resolve("claude-runs");
            Path pidFile = dir.resolve("claude-pid");
            Path script = dir.resolve("claude");
            Files.writeString(script, "#!/bin/sh\n"
                    + "pidfile='" + pidFile + "'\n"
                    + "echo \"$*\" >> '" + runs + "'\n"
                    + "case \"$1\" in\n"
                    + "  --version) echo '" + version + " (Claude Code)'; exit 0 ;;\n"
                    + "  remote-control) ;;\n"
                    + "  *) echo \"unexpected arguments: $*\" >&2; exit 2 ;;\n"
                    + "esac\n"
                    + remoteControl);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return new FakeRemoteControl(script, runs, pidFile);
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

    /** Whether the last serving session's process is still there. */
    public boolean serving() {
        try {
            return Files.exists(pidFile) && ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                    .map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
