package dev.dobby.protocol;

import java.time.Instant;
import java.util.List;

/**
 * When a schedule would fire if it were created now, so that a form can show it before anything is saved.
 *
 * @param timeZone the zone cron expressions are read in (the hub's)
 * @param next     the next firings, soonest first
 */
public record SchedulePreview(String cron, String every, String timeZone, List<Instant> next) {
    /** How many firings a preview lists unless asked otherwise. */
    public static final int DEFAULT_COUNT = 3;
    public static final int MAX_COUNT = 20;

    public SchedulePreview {
        next = List.copyOf(next);
    }
}
