package dev.dobby.protocol.gpu;

import java.util.List;

/**
 * The hub's answer to a {@link GpuReport}.
 *
 * @param sampleSeconds  how long until the next sample
 * @param jobPollSeconds how often to poll each tracked job ({@code gpu_poll_interval})
 * @param jobs           the tracked jobs this worker must poll (running ones, and ones it was asked to stop)
 */
public record GpuReportReply(int sampleSeconds, int jobPollSeconds, List<TrackedJob> jobs) {
    public GpuReportReply {
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }
}
