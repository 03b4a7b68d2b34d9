package dev.dobby.hub.store;

import dev.dobby.protocol.GpuRequest;

/** A pending task that asks for GPUs, with the reason it waits (null for none). */
public record PendingGpuTask(long id, String project, GpuRequest request, String statusReason) {
}
