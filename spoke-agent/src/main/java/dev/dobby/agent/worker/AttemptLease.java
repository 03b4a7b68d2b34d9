package dev.dobby.agent.worker;

import java.time.Duration;

/**
 * The worker's own view of an attempt's lease. The hub extends a lease to "now + lease" when a heartbeat listing
 * the attempt arrives; the worker counts from when it sent that heartbeat, which is never later, so it always
 * believes the lease ends no later than the hub does. It stops the agent {@code stopEarly} before that end, so the
 * agent's process group is gone by the time the hub can hand the task to someone else.
 *
 * <p>Monotonic time ({@link System#nanoTime()}): a wall-clock jump must not kill or save an agent.
 */
final class AttemptLease {
    private final long leaseNanos;
    private final long stopEarlyNanos;
    private volatile long renewedAt;

    /** @param grantedAt nanoTime when the lease began (before the call that obtained it was sent) */
    AttemptLease(Duration lease, Duration stopEarly, long grantedAt) {
        this.leaseNanos = lease.toNanos();
        // Keep at least half the lease for the agent, however long the kill grace.
        this.stopEarlyNanos = Math.min(stopEarly.toNanos(), leaseNanos / 2);
        this.renewedAt = grantedAt;
    }

    /** A heartbeat sent at {@code sentAt} renewed it. */
    synchronized void renew(long sentAt) {
        if (sentAt - renewedAt > 0) {
            renewedAt = sentAt;
        }
    }

    /** Whether the agent must stop now: the hub may give the task away soon. */
    boolean lost(long now) {
        return now - (renewedAt + leaseNanos - stopEarlyNanos) >= 0;
    }

    /** Time left before {@link #lost}; zero or negative once lost. */
    Duration left(long now) {
        return Duration.ofNanos(renewedAt + leaseNanos - stopEarlyNanos - now);
    }

    /**
     * How long the agent's supervisor may let it run from {@code now}: to the lease's end less the whole kill
     * grace (not capped like {@link #left}), so that even its SIGKILL lands before the hub can move the task.
     */
    Duration supervisorDeadline(long now, Duration killGrace) {
        return Duration.ofNanos(renewedAt + leaseNanos - killGrace.toNanos() - now);
    }

    /** How long since the last renewal, for messages. */
    Duration silentFor(long now) {
        return Duration.ofNanos(now - renewedAt);
    }
}
