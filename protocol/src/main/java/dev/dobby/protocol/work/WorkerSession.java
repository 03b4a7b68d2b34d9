package dev.dobby.protocol.work;

/**
 * What the hub tells a worker when it registers: the intervals to keep.
 *
 * @param token              the worker's own credential for later calls (remote spokes only)
 * @param heartbeatSeconds   how often to heartbeat
 * @param leaseSeconds       how long an attempt survives without a heartbeat; past it the hub re-queues the
 *                           attempt and the worker must stop it
 * @param pollWaitSeconds    how long one poll may wait for work
 */
public record WorkerSession(String workerId, String token, int heartbeatSeconds, int leaseSeconds,
                            int pollWaitSeconds) {
}
