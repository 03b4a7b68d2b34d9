package dev.dobby.protocol.gpu;

import java.time.Instant;
import java.util.List;

/**
 * A worker's GPUs as {@code GET /gpus} shows them.
 *
 * @param sampledAt when the worker last sampled them; null if it never reported
 * @param stale     no report for three sampling intervals (or the worker is offline): the figures are old
 * @param error     why the last sample failed (no nvidia-smi, an error, a timeout); null when it worked
 */
public record WorkerGpus(String worker, Instant sampledAt, boolean stale, String error, List<GpuState> gpus) {
    public WorkerGpus {
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
    }
}
