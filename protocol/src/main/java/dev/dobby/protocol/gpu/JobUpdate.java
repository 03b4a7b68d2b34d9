package dev.dobby.protocol.gpu;

import java.util.List;

/** What a worker found when it polled a tracked job. */
public record JobUpdate(long id, TrackedJob.State state, String detail, Integer exitCode, Long pid,
                        Long gpuMemoryMib, List<Integer> gpus, List<String> logTail) {
    public JobUpdate {
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        logTail = logTail == null ? List.of() : List.copyOf(logTail);
    }
}
