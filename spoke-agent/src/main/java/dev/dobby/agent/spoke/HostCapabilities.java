package dev.dobby.agent.spoke;

import dev.dobby.agent.runner.AgentRunner;
import dev.dobby.protocol.Spoke;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What this spoke reports about itself with every heartbeat: backends found, tags, OS, CPUs, slots, GPUs and its
 * project paths. Backends are looked up again at most every {@code refresh}, not on every heartbeat; GPUs come from
 * the last sample of the worker's {@link dev.dobby.agent.gpu.GpuMonitor}.
 */
final class HostCapabilities implements Supplier<Spoke.Capabilities> {
    private final AgentRunner runner;
    private final SpokeOptions options;
    private final Supplier<List<Spoke.Gpu>> gpus;
    private final Duration refresh;
    private Spoke.Capabilities current;
    private long refreshedAt;

    HostCapabilities(AgentRunner runner, SpokeOptions options, Supplier<List<Spoke.Gpu>> gpus, Duration refresh) {
        this.runner = runner;
        this.options = options;
        this.gpus = gpus;
        this.refresh = refresh;
    }

    @Override
    public synchronized Spoke.Capabilities get() {
        long now = System.nanoTime();
        if (current == null || now - refreshedAt >= refresh.toNanos()) {
            Map<String, String> projects = new TreeMap<>();
            options.projects().forEach((name, path) -> projects.put(name, path.toString()));
            // A Slurm spoke's work runs on the cluster's nodes: this machine's GPUs are not what it offers.
            boolean slurm = options.slurm() != null;
            current = new Spoke.Capabilities(runner.availableBackends(), options.tags(), osName(),
                    Runtime.getRuntime().availableProcessors(), options.maxConcurrent(),
                    slurm ? List.of() : gpus.get(), projects, slurm ? "slurm" : null);
            refreshedAt = now;
        }
        return current;
    }

    private static String osName() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    static List<String> describe(Spoke.Capabilities caps) {
        return List.of("backends " + caps.backends().stream().map(b -> b.wire()).toList(),
                "tags " + caps.tags(), caps.cpus() + " CPUs", caps.gpus().size() + " GPUs",
                "projects " + caps.projects().keySet());
    }
}
