package dev.dobby.agent.spoke;

import dev.dobby.protocol.Spoke;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This machine's NVIDIA GPUs, as {@code nvidia-smi} on the PATH reports them; none when it is missing, fails,
 * or says something unexpected. Lines that cannot be read are skipped, never fatal.
 */
public final class GpuProbe {
    static final List<String> QUERY = List.of("--query-gpu=index,name,memory.total,memory.used,utilization.gpu",
            "--format=csv,noheader,nounits");
    private static final long TIMEOUT_SECONDS = 10;

    private final String path;

    /** @param path the PATH that {@code nvidia-smi} is looked up in */
    public GpuProbe(String path) {
        this.path = path;
    }

    /** The GPUs as last probed, probed again when asked after {@code interval} has passed. */
    public Supplier<List<Spoke.Gpu>> every(Duration interval) {
        return new Supplier<>() {
            private List<Spoke.Gpu> last;
            private long probedAt;

            @Override
            public synchronized List<Spoke.Gpu> get() {
                long now = System.nanoTime();
                if (last == null || now - probedAt >= interval.toNanos()) {
                    last = probe();
                    probedAt = now;
                }
                return last;
            }
        };
    }

    public List<Spoke.Gpu> probe() {
        Optional<String> smi = onPath("nvidia-smi", path);
        if (smi.isEmpty()) {
            return List.of();
        }
        List<String> command = new ArrayList<>();
        command.add(smi.get());
        command.addAll(QUERY);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            // Its few lines fit in the pipe, so waiting before reading cannot block it; a hung one is killed.
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return List.of();
            }
            byte[] out = process.getInputStream().readNBytes(256 * 1024);
            return process.exitValue() == 0 ? parse(new String(out, StandardCharsets.UTF_8)) : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Lines of {@code index, name, memory.total, memory.used, utilization.gpu}; a name may itself hold commas. */
    static List<Spoke.Gpu> parse(String output) {
        List<Spoke.Gpu> gpus = new ArrayList<>();
        for (String line : output.split("\r?\n")) {
            String[] fields = line.split(",");
            if (fields.length < 5) {
                continue;
            }
            int n = fields.length;
            Integer index = integer(fields[0]);
            StringBuilder name = new StringBuilder(fields[1].strip());
            for (int i = 2; i < n - 3; i++) {
                name.append(',').append(fields[i]);
            }
            if (index == null || index < 0 || name.isEmpty()) {
                continue;
            }
            gpus.add(new Spoke.Gpu(index, name.toString().strip(), orZero(fields[n - 3]), orZero(fields[n - 2]),
                    (int) Math.min(100, orZero(fields[n - 1]))));
        }
        return List.copyOf(gpus);
    }

    private static Integer integer(String raw) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A number, or 0 for "[N/A]", "[Not Supported]" and the like. */
    private static long orZero(String raw) {
        try {
            return Math.max(0, Math.round(Double.parseDouble(raw.strip())));
        } catch (NumberFormatException e) {
            return 0;
        }
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
