package dev.dobby.hub.core;

import dev.dobby.hub.store.ReadTx;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.UsageWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;

/**
 * Agent accounts that are out of quota. An account is a worker's login for one backend ({@code gpu-1/claude}):
 * what the agent reports about it is all the hub knows, and the secret itself never reaches the hub. While an
 * account's limit is rejected and its reset lies ahead, its worker is given no tasks of that backend; every other
 * account and backend keeps running.
 */
final class UsageLimits {
    /** Taken after the reset the agent named, so that a clock a little off does not meet a refusal again. */
    static final Duration AFTER_RESET = Duration.ofSeconds(30);
    /** When an agent said it hit a limit but not when it resets. */
    static final Duration UNKNOWN_RESET = Duration.ofMinutes(15);
    static final String REJECTED = "rejected";
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

    private UsageLimits() {
    }

    static String account(String worker, Backend backend) {
        return worker + "/" + backend.wire();
    }

    /** The backends {@code worker} must not be given now, with when each may run again. */
    static Map<Backend, Instant> exhausted(ReadTx tx, String worker, Instant now) {
        Map<Backend, Instant> out = new EnumMap<>(Backend.class);
        for (UsageWindow window : tx.usage()) {
            if (window.backend() == null || window.resetsAt() == null || !REJECTED.equals(window.status())
                    || !window.account().equals(account(worker, window.backend()))) {
                continue;
            }
            Instant until = window.resetsAt().plus(AFTER_RESET);
            if (until.isAfter(now)) {
                out.merge(window.backend(), until, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return out;
    }

    static String waiting(String account, Instant until, ZoneId zone) {
        return dev.dobby.protocol.UsageLimitNotice.WAITING_PREFIX + account + " — resumes at "
                + CLOCK_TIME.format(until.atZone(zone));
    }
}
