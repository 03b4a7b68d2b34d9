package dev.dobby.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A worker known to the hub: the hub's own local worker or a remote spoke.
 *
 * @param runningTasks ids of the tasks it is running now
 */
public record Spoke(String id, State state, boolean local, Capabilities capabilities, Instant registeredAt,
                    Instant lastHeartbeat, List<Long> runningTasks) {

    public Spoke {
        runningTasks = runningTasks == null ? List.of() : List.copyOf(runningTasks);
    }

    public enum State {
        ONLINE, DRAINING, LOST, STOPPED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static State fromWire(String value) {
            return Wire.parse(State.class, value, "spoke state");
        }
    }

    /**
     * What a worker can run.
     *
     * @param maxConcurrent how many tasks it runs at once
     * @param projects      project name to its checkout on this worker, where that differs from the project's
     *                      registered path (a spoke's {@code --project NAME=PATH}); tasks of those projects run there
     */
    /**
     * @param executor {@code slurm} for a spoke that submits each attempt to a batch scheduler, which then places
     *                 it (GPUs included) on its cluster; null for one that runs agents itself
     */
    public record Capabilities(List<Backend> backends, List<String> tags, String os, int cpus, int maxConcurrent,
                               List<Gpu> gpus, Map<String, String> projects, String executor) {
        public Capabilities {
            backends = backends == null ? List.of() : List.copyOf(backends);
            tags = tags == null ? List.of() : List.copyOf(tags);
            gpus = gpus == null ? List.of() : List.copyOf(gpus);
            projects = projects == null ? Map.of() : Map.copyOf(projects);
        }

        public Capabilities(List<Backend> backends, List<String> tags, String os, int cpus, int maxConcurrent,
                            List<Gpu> gpus, Map<String, String> projects) {
            this(backends, tags, os, cpus, maxConcurrent, gpus, projects, null);
        }

        public Capabilities(List<Backend> backends, List<String> tags, String os, int cpus, int maxConcurrent,
                            List<Gpu> gpus) {
            this(backends, tags, os, cpus, maxConcurrent, gpus, Map.of());
        }

        /** Its scheduler, not the hub, places its attempts and their GPUs. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean scheduled() {
            return executor != null && !executor.isBlank() && !"local".equals(executor);
        }
    }

    /** One GPU as nvidia-smi reports it; memory in MiB, utilisation in percent. */
    public record Gpu(int index, String name, long memoryTotalMib, long memoryUsedMib, int utilizationPercent) {
    }
}
