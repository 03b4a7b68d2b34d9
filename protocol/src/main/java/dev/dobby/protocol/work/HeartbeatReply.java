package dev.dobby.protocol.work;

import java.util.List;

/**
 * The hub's answer to a heartbeat.
 *
 * @param stop attempts the worker must stop now: cancelled, timed out by the hub, or no longer current
 */
public record HeartbeatReply(List<Long> stop, int leaseSeconds) {
    public HeartbeatReply {
        stop = List.copyOf(stop);
    }
}
