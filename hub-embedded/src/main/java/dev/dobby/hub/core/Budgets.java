package dev.dobby.hub.core;

import dev.dobby.hub.store.ReadTx;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.Stats;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Daily and monthly spending limits, hub-wide (config {@code daily_budget_usd}, {@code monthly_budget_usd}) and per
 * project (policy fields of the same names), in the hub's time zone. Spend is what results recorded in the period
 * cost plus what running attempts have cost so far. A budget of 0 (or none) sets no limit.
 */
public final class Budgets {
    static final String DAY = "day";
    static final String MONTH = "month";

    private final Double hubDaily;
    private final Double hubMonthly;
    private final Clock clock;
    private final ZoneId zone;

    public Budgets(Double hubDaily, Double hubMonthly, Clock clock, ZoneId zone) {
        this.hubDaily = hubDaily;
        this.hubMonthly = hubMonthly;
        this.clock = clock;
        this.zone = zone;
    }

    /** Spend against every budget that is set: the hub's first, then each project's, day before month. */
    public List<Stats.Budget> report(ReadTx tx) {
        Instant now = clock.instant();
        Period day = Period.day(now, zone);
        Period month = Period.month(now, zone);
        Map<String, Double> today = tx.costSince(day.start());
        Map<String, Double> thisMonth = tx.costSince(month.start());
        List<Stats.Budget> out = new ArrayList<>();
        add(out, null, day, hubDaily, total(today));
        add(out, null, month, hubMonthly, total(thisMonth));
        for (Project project : tx.projects()) {
            add(out, project.name(), day, project.policy().dailyBudgetUsd(), today.getOrDefault(project.name(), 0.0));
            add(out, project.name(), month, project.policy().monthlyBudgetUsd(),
                    thisMonth.getOrDefault(project.name(), 0.0));
        }
        return out;
    }

    /** The budgets reached now: every one with {@code reached}, hub-wide ones first. */
    List<Stats.Budget> reached(ReadTx tx) {
        if (!anySet(tx)) {
            return List.of();
        }
        return report(tx).stream().filter(Stats.Budget::reached).toList();
    }

    private boolean anySet(ReadTx tx) {
        return set(hubDaily) || set(hubMonthly) || tx.projects().stream()
                .anyMatch(p -> set(p.policy().dailyBudgetUsd()) || set(p.policy().monthlyBudgetUsd()));
    }

    /** Why a task of {@code project} may not start because of a budget, if one is reached. */
    static Optional<String> reason(List<Stats.Budget> reached, String project, ZoneId zone) {
        return reached.stream()
                .filter(b -> b.project() == null || b.project().equals(project))
                .findFirst()
                .map(b -> describe(b, zone));
    }

    /** "budget of shop reached ($20.00 today); resets at 00:00". */
    static String describe(Stats.Budget b, ZoneId zone) {
        String scope = b.project() == null ? "hub-wide budget" : "budget of " + b.project();
        String when = DAY.equals(b.period()) ? "today" : "this month";
        ZonedDateTime resets = b.resetsAt().atZone(zone);
        String reset = DAY.equals(b.period()) ? "resets at 00:00"
                : "resets on " + resets.toLocalDate();
        return scope + " reached (" + money(b.capUsd()) + " " + when + "); " + reset;
    }

    static String money(double usd) {
        return String.format(Locale.ROOT, "$%.2f", usd);
    }

    private static void add(List<Stats.Budget> out, String project, Period period, Double cap, double spent) {
        if (!set(cap)) {
            return;
        }
        out.add(new Stats.Budget(project, period.name(), cap, round(spent), spent >= cap, period.end()));
    }

    private static boolean set(Double cap) {
        return cap != null && cap > 0;
    }

    private static double total(Map<String, Double> spent) {
        return spent.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static double round(double usd) {
        return Math.round(usd * 1_000_000.0) / 1_000_000.0;
    }

    private record Period(String name, Instant start, Instant end) {
        static Period day(Instant now, ZoneId zone) {
            LocalDate today = LocalDate.ofInstant(now, zone);
            return new Period(DAY, today.atStartOfDay(zone).toInstant(), today.plusDays(1).atStartOfDay(zone).toInstant());
        }

        static Period month(Instant now, ZoneId zone) {
            LocalDate first = LocalDate.ofInstant(now, zone).withDayOfMonth(1);
            return new Period(MONTH, first.atStartOfDay(zone).toInstant(),
                    first.plusMonths(1).atStartOfDay(zone).toInstant());
        }
    }
}
