package dev.dobby.hub.config;

import dev.dobby.protocol.Durations;
import java.time.Duration;

/**
 * How lease_timeout, heartbeat_interval and the agents' kill grace must relate for a healthy worker never to be
 * taken for a lost one: a worker may miss one heartbeat (a slow request, a busy machine) and still be inside its
 * lease, and stopping an agent (SIGTERM, the grace, SIGKILL) must fit well inside the lease too.
 */
public final class LeaseTimings {
    static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
    static final Duration MIN_LEASE = Duration.ofSeconds(3);

    private LeaseTimings() {
    }

    /** The heartbeat when none is set: the usual 5 s, or a third of a lease too short for that. */
    public static Duration heartbeatFor(Duration lease) {
        Duration third = Duration.ofSeconds(Math.max(1, lease.toSeconds() / 3));
        return third.compareTo(DEFAULT_HEARTBEAT) < 0 ? third : DEFAULT_HEARTBEAT;
    }

    /** Refuses, in one line naming the keys, timings that would make healthy workers look lost. */
    public static void check(Duration lease, Duration heartbeat, Duration killGrace) {
        if (lease.compareTo(MIN_LEASE) < 0) {
            throw new ConfigException("lease_timeout (" + Durations.format(lease) + ") must be at least "
                    + Durations.format(MIN_LEASE));
        }
        if (heartbeat.multipliedBy(2).compareTo(lease) >= 0) {
            throw new ConfigException("heartbeat_interval (" + Durations.format(heartbeat) + ") must be less than half"
                    + " of lease_timeout (" + Durations.format(lease) + ") so one late heartbeat does not lose a"
                    + " worker; leave heartbeat_interval unset to get " + Durations.format(heartbeatFor(lease)));
        }
        if (killGrace.multipliedBy(2).compareTo(lease) > 0) {
            throw new ConfigException("lease_timeout (" + Durations.format(lease) + ") must be at least twice the"
                    + " agents' kill grace (" + Durations.format(killGrace) + ")");
        }
    }
}
