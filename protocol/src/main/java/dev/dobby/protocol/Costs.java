package dev.dobby.protocol;

import java.time.LocalDate;
import java.util.List;

/**
 * What each project's finished attempts used, per calendar day of the hub, for cost charts. Figures for
 * subscription logins are API-equivalent prices, not money billed.
 *
 * @param timeZone the zone whose calendar days these are (the hub's)
 * @param days     one row per day and project that had a finished attempt, oldest day first
 */
public record Costs(LocalDate from, LocalDate to, String timeZone, List<Day> days) {
    public static final int MAX_DAYS = 3660;

    public Costs {
        days = List.copyOf(days);
    }

    /** One project's attempts that ended on one day. */
    public record Day(LocalDate day, String project, long attempts, long tokensIn, long tokensOut, double costUsd) {
    }
}
