package dev.dobby.agent.executor.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Slurm's client commands (sbatch, squeue, scontrol, scancel), run as argv, never through a shell. */
final class Slurm {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** What a command printed and how it exited; exit 127 with the reason when it could not run at all. */
    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }

        /** Slurm's own words about a refusal: its error lines without the program's prefix. */
        String message() {
            String text = err.isBlank() ? out : err;
            return String.join("; ", text.lines().map(String::strip).filter(l -> !l.isEmpty())
                    .map(l -> l.replaceFirst("^s[a-z]+: error: ", "")).distinct().toList());
        }
    }

    Result run(List<String> argv) {
        return run(argv, null, null);
    }

    /** @param environment the command's whole environment, or null to inherit this process's */
    Result run(List<String> argv, Map<String, String> environment, Path directory) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        if (environment != null) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        try {
            Process process = builder.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()),
                    r -> Thread.ofVirtual().start(r));
            String out = read(process.getInputStream());
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(124, out, argv.getFirst() + " did not answer within " + LIMIT.toSeconds() + " s");
            }
            return new Result(process.exitValue(), out, err.join());
        } catch (IOException e) {
            return new Result(127, "", "cannot run " + argv.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "", "interrupted");
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
