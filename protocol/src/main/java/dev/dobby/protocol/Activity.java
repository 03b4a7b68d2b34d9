package dev.dobby.protocol;

import java.time.LocalDate;
import java.util.List;

/**
 * Finished tasks per project per day, for activity heatmaps.
 *
 * @param timeZone the zone whose calendar days these are (the hub's)
 */
public record Activity(LocalDate from, LocalDate to, String timeZone, List<Day> days) {
    public Activity {
        days = List.copyOf(days);
    }

    /** One project's tasks that ended on one day. */
    public record Day(LocalDate day, String project, int completed, int failed) {
    }
}
