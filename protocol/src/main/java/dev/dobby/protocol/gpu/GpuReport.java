package dev.dobby.protocol.gpu;

import java.time.Instant;
import java.util.List;

/**
 * A worker's GPU sample and what it learnt about its tracked jobs, sent every sampling interval.
 *
 * @param error why this sample failed (then {@code gpus} is empty); null when it worked
 * @param jobs  tracked jobs polled since the last report
 */
public record GpuReport(String workerId, Instant sampledAt, String error, List<GpuState> gpus, List<JobUpdate> jobs) {
    public GpuReport {
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }
}
