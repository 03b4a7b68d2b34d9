package dev.dobby.agent.gpu;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code nvidia-smi} (looked up on a PATH) with a time limit. Its output goes to a file, so a chatty one can
 * never fill a pipe and stall; one that hangs (a wedged driver does) is killed and reported as such.
 */
final class NvidiaSmi {
    private final String path;
    private final Duration timeout;

    /** What one call gave: its output, or why there is none. */
    record Result(String output, String error) {
        boolean ok() {
            return error == null;
        }
    }

    NvidiaSmi(String path, Duration timeout) {
        this.path = path;
        this.timeout = timeout;
    }

    Result run(List<String> arguments) {
        Optional<String> smi = onPath("nvidia-smi", path);
        if (smi.isEmpty()) {
            return new Result(null, "nvidia-smi is not on the PATH");
        }
        List<String> command = new ArrayList<>();
        command.add(smi.get());
        command.addAll(arguments);
        Path out = null;
        try {
            out = Files.createTempFile("dobby-nvidia-smi", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Result(null, "nvidia-smi did not answer within " + timeout.toSeconds() + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                String first = text.lines().findFirst().orElse("").strip();
                return new Result(null, "nvidia-smi failed (exit " + process.exitValue() + ")"
                        + (first.isEmpty() ? "" : ": " + cut(first)));
            }
            return new Result(text, null);
        } catch (IOException e) {
            return new Result(null, "nvidia-smi could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted");
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    private static String cut(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    static Optional<String> onPath(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            File candidate = new File(dir, name);
            if (candidate.isFile() && candidate.canExecute()) {
                return Optional.of(candidate.getAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
