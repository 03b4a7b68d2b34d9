package dev.dobby.protocol;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Totals over the whole history.
 *
 * @param byStatus          number of tasks in each status
 * @param byProject         per project, number of tasks in each status
 * @param avgDurationSeconds mean run time of finished attempts, null before the first
 * @param timeZone          the hub's time zone, which {@code days} follow
 * @param usageByProject    tokens, cost and run time of each project's finished attempts
 * @param days              per calendar day of the last {@link #DAYS} days (oldest first, days without any finished
 *                          attempt left out): what the attempts that ended that day used
 */
public record Stats(
        long tasks,
        Map<TaskStatus, Long> byStatus,
        Map<String, Map<TaskStatus, Long>> byProject,
        long tokensIn,
        long tokensOut,
        double costUsd,
        Double avgDurationSeconds,
        String timeZone,
        Map<String, Usage> usageByProject,
        List<Day> days) {

    /** How many days {@link #days} covers, today included. */
    public static final int DAYS = 30;

    public Stats {
        byStatus = Map.copyOf(byStatus);
        byProject = Map.copyOf(byProject);
        usageByProject = usageByProject == null ? Map.of() : Map.copyOf(usageByProject);
        days = days == null ? List.of() : List.copyOf(days);
    }

    /**
     * What a set of finished attempts used.
     *
     * @param attempts        how many attempts ended
     * @param durationSeconds their run time added up
     */
    public record Usage(long attempts, long tokensIn, long tokensOut, double costUsd, double durationSeconds) {
    }

    /**
     * One calendar day in the hub's time zone.
     *
     * @param attempts  attempts that ended that day
     * @param completed of those, the ones that completed
     * @param failed    of those, the ones that ended otherwise (failed, timed out, stale, cancelled)
     */
    public record Day(LocalDate date, long attempts, long completed, long failed, long tokensIn, long tokensOut,
                      double costUsd, double durationSeconds) {
    }
}
