package dev.dobby.hub.store;

import java.util.List;

/** A running attempt that holds GPUs of its worker. */
public record GpuHolder(long attemptId, long taskId, String project, List<Integer> indices) {
    public GpuHolder {
        indices = List.copyOf(indices);
    }
}
