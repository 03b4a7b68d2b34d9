package dev.dobby.hub.core.gpu;

import dev.dobby.hub.store.GpuHolder;
import dev.dobby.protocol.GpuRequest;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.gpu.GpuState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which of a worker's GPUs a task may get. A GPU is free when no running attempt holds it; with sharing allowed
 * (the project policy's {@code gpu_sharing}, on both sides) a GPU held only by tasks of sharing projects may be
 * given again. Among free GPUs that match the request, the ones with the most free memory go first.
 */
public final class GpuPlacement {
    private GpuPlacement() {
    }

    /** A worker's GPUs as the hub knows them: its last sample, or what it registered with. */
    public static List<GpuState> inventory(List<GpuState> sampled, Spoke.Capabilities capabilities) {
        if (!sampled.isEmpty() || capabilities == null) {
            return sampled;
        }
        return capabilities.gpus().stream().map(g -> new GpuState(g.index(), g.name(), null, g.utilizationPercent(),
                g.memoryUsedMib(), g.memoryTotalMib(), null, null, null, List.of(), List.of())).toList();
    }

    /**
     * The GPU indices to reserve, or empty when the worker cannot serve the request now.
     *
     * @param sharing whether the task's project allows sharing
     * @param sharingProjects the projects that allow sharing
     */
    public static Optional<List<Integer>> choose(List<GpuState> gpus, List<GpuHolder> holders, GpuRequest request,
                                                 boolean sharing, Predicate<String> sharingProjects) {
        if (!request.any()) {
            return Optional.of(List.of());
        }
        List<GpuState> candidates = new ArrayList<>();
        for (GpuState gpu : gpus) {
            List<GpuHolder> on = holders.stream().filter(h -> h.indices().contains(gpu.index())).toList();
            boolean free = on.isEmpty() || (sharing && on.stream().allMatch(h -> sharingProjects.test(h.project())));
            if (free && request.accepts(gpu.name(), gpu.memoryFreeMib())) {
                candidates.add(gpu);
            }
        }
        if (candidates.size() < request.count()) {
            return Optional.empty();
        }
        return Optional.of(candidates.stream()
                .sorted(Comparator.comparingLong(GpuState::memoryFreeMib).reversed()
                        .thenComparingInt(GpuState::index))
                .limit(request.count())
                .map(GpuState::index)
                .sorted()
                .toList());
    }

    /** Whether the worker could ever serve the request: enough matching GPUs with that much memory in all. */
    public static boolean couldEverServe(List<GpuState> gpus, GpuRequest request) {
        long matching = gpus.stream()
                .filter(g -> request.accepts(g.name(), g.memoryTotalMib()))
                .count();
        return matching >= request.count();
    }

    /** "gpu-1: 2 × NVIDIA A100 (81920 MiB)", for a waiting reason. */
    public static String describe(String worker, List<GpuState> gpus) {
        if (gpus.isEmpty()) {
            return worker + ": no GPUs";
        }
        return worker + ": " + gpus.stream()
                .collect(Collectors.groupingBy(g -> g.name() + " (" + g.memoryTotalMib() + " MiB)",
                        java.util.TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() + " × " + e.getKey())
                .collect(Collectors.joining(", "));
    }

}
