package dev.dobby.agent.runner.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs git as an argv (never through a shell) in a given directory, with an environment that cannot point it
 * elsewhere (inherited {@code GIT_DIR} and friends are dropped) and cannot prompt for anything.
 */
final class Git {
    private static final long TIMEOUT_SECONDS = 120;
    private static final List<String> REDIRECTING_VARIABLES = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE",
            "GIT_CEILING_DIRECTORIES", "GIT_PREFIX");

    private static final java.util.concurrent.Executor READERS = java.util.concurrent.Executors
            .newVirtualThreadPerTaskExecutor();

    private Git() {
    }

    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    /** git is not installed, or did not answer in time. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static Result run(Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        REDIRECTING_VARIABLES.forEach(env::remove);
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_OPTIONAL_LOCKS", "0");
        env.put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new Unavailable("git is not installed on this worker (" + e.getMessage() + ")", e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()), READERS);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()), READERS);
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new Unavailable("git " + args[0] + " did not finish within " + TIMEOUT_SECONDS + " s", null);
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while running git " + args[0], e);
        }
    }

    /** Run and return stdout, stripped; a failure throws with git's own message. */
    static String require(Path dir, String... args) {
        Result result = run(dir, args);
        if (!result.ok()) {
            String message = result.err().isBlank() ? result.out() : result.err();
            throw new WorktreeException("git " + args[0] + " failed: " + message.strip());
        }
        return result.out().strip();
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
