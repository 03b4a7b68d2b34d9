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
 * @param budgets           spend against each budget that is set (hub-wide and per project), for today and this
 *                          month; figures for subscription logins are API-equivalent prices, not money billed
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
        List<Day> days,
        List<Budget> budgets) {

    /** How many days {@link #days} covers, today included. */
    public static final int DAYS = 30;

    public Stats {
        byStatus = Map.copyOf(byStatus);
        byProject = Map.copyOf(byProject);
        usageByProject = usageByProject == null ? Map.of() : Map.copyOf(usageByProject);
        days = days == null ? List.of() : List.copyOf(days);
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
    }

    /** Totals without budgets. */
    public Stats(long tasks, Map<TaskStatus, Long> byStatus, Map<String, Map<TaskStatus, Long>> byProject,
                 long tokensIn, long tokensOut, double costUsd, Double avgDurationSeconds, String timeZone,
                 Map<String, Usage> usageByProject, List<Day> days) {
        this(tasks, byStatus, byProject, tokensIn, tokensOut, costUsd, avgDurationSeconds, timeZone, usageByProject,
                days, List.of());
    }

    /**
     * Spend against one budget.
     *
     * @param project  the project, or null for the hub-wide budget
     * @param period   {@code day} or {@code month}, in the hub's time zone
     * @param capUsd   the budget
     * @param spentUsd what the scope's attempts that ended in the period cost, plus what running ones cost so far
     * @param reached  whether {@code spentUsd} has reached {@code capUsd}: the scope's tasks wait until it resets
     * @param resetsAt when the period ends
     */
    public record Budget(String project, String period, double capUsd, double spentUsd, boolean reached,
                         java.time.Instant resetsAt) {
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
