package dev.dobby.agent.gpu;

import dev.dobby.protocol.gpu.GpuProcess;
import dev.dobby.protocol.gpu.GpuState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One reading of this machine's GPUs and the compute processes on them, from two {@code nvidia-smi} queries.
 * Lines that cannot be read are skipped; a name may itself hold commas.
 */
public final class GpuSampler {
    static final List<String> GPU_QUERY = List.of(
            "--query-gpu=index,name,uuid,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw,power.limit",
            "--format=csv,noheader,nounits");
    static final List<String> APPS_QUERY = List.of("--query-compute-apps=gpu_uuid,pid,process_name,used_memory",
            "--format=csv,noheader,nounits");

    private volatile NvidiaSmi smi;
    private final String path;

    /** What a sample found: the GPUs (processes not yet attributed), or why there are none. */
    public record Sample(List<GpuState> gpus, String error, String rawGpus, String rawApps) {
    }

    /** @param path the PATH that {@code nvidia-smi} is looked up in */
    public GpuSampler(String path, Duration timeout) {
        this.path = path;
        this.smi = new NvidiaSmi(path, timeout);
    }

    /** Give up on a call after this long from now on. */
    void timeout(Duration value) {
        smi = new NvidiaSmi(path, value);
    }

    public Sample sample() {
        NvidiaSmi.Result gpus = smi.run(GPU_QUERY);
        if (!gpus.ok()) {
            return new Sample(List.of(), gpus.error(), null, null);
        }
        NvidiaSmi.Result apps = smi.run(APPS_QUERY);
        // GPUs without their processes are still worth showing; the failure is said all the same.
        Map<String, List<GpuProcess>> processes = apps.ok() ? parseApps(apps.output()) : Map.of();
        return new Sample(parseGpus(gpus.output(), processes), apps.ok() ? null : apps.error(), gpus.output(),
                apps.output());
    }

    static List<GpuState> parseGpus(String output, Map<String, List<GpuProcess>> processes) {
        List<GpuState> gpus = new ArrayList<>();
        for (String line : output.split("\r?\n")) {
            String[] f = line.split(",");
            if (f.length < 9) {
                continue;
            }
            int n = f.length;
            Long index = integer(f[0]);
            StringBuilder name = new StringBuilder(f[1].strip());
            for (int i = 2; i < n - 7; i++) {
                name.append(',').append(f[i]);
            }
            if (index == null || index < 0 || name.isEmpty()) {
                continue;
            }
            String uuid = f[n - 7].strip();
            Long util = integer(f[n - 6]);
            Double temperature = decimal(f[n - 3]);
            gpus.add(new GpuState(index.intValue(), name.toString().strip(), uuid,
                    util == null ? 0 : (int) Math.max(0, Math.min(100, util)), orZero(f[n - 5]), orZero(f[n - 4]),
                    temperature == null ? null : (int) Math.round(temperature), decimal(f[n - 2]), decimal(f[n - 1]),
                    processes.getOrDefault(uuid, List.of()), List.of()));
        }
        return List.copyOf(gpus);
    }

    /** Lines of {@code gpu_uuid, pid, process_name, used_memory}, by GPU UUID. */
    static Map<String, List<GpuProcess>> parseApps(String output) {
        Map<String, List<GpuProcess>> byGpu = new HashMap<>();
        for (String line : output.split("\r?\n")) {
            String[] f = line.split(",");
            if (f.length < 4) {
                continue;
            }
            int n = f.length;
            Long pid = integer(f[1]);
            if (pid == null || pid < 1) {
                continue;
            }
            StringBuilder name = new StringBuilder(f[2].strip());
            for (int i = 3; i < n - 1; i++) {
                name.append(',').append(f[i]);
            }
            byGpu.computeIfAbsent(f[0].strip(), k -> new ArrayList<>())
                    .add(new GpuProcess(pid, name.toString().strip(), orZero(f[n - 1]), null, null, null));
        }
        return byGpu;
    }

    private static Long integer(String raw) {
        Double value = decimal(raw);
        return value == null ? null : Math.round(value);
    }

    /** A number, or null for "[N/A]", "[Not Supported]" and the like. */
    private static Double decimal(String raw) {
        try {
            double value = Double.parseDouble(raw.strip());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long orZero(String raw) {
        Double value = decimal(raw);
        return value == null ? 0 : Math.max(0, Math.round(value));
    }
}
