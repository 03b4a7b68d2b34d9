package dev.dobby.hub.core;

import dev.dobby.hub.store.AttemptRecord;
import dev.dobby.hub.store.Store;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.Stats;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.AgentProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's side of budgets, run with the watchdog. Workers stop an agent that passes its task's
 * {@code max_cost_usd} themselves; this is the backstop for one that does not (an older spoke): an attempt whose
 * reported cost stays over its cap for {@code grace} is ended as failed. It also stops the running tasks of a
 * project whose policy says {@code budget_stop_running} once one of its budgets is reached.
 */
public final class BudgetGuard {
    private final Store store;
    private final WorkService work;
    private final Dispatcher dispatcher;
    private final Budgets budgets;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration grace;
    // Attempt id -> when the hub first saw its cost over the cap.
    private final Map<Long, Instant> overSince = new ConcurrentHashMap<>();

    public BudgetGuard(Store store, WorkService work, Dispatcher dispatcher, Budgets budgets, Clock clock, ZoneId zone,
                       Duration grace) {
        this.store = store;
        this.work = work;
        this.dispatcher = dispatcher;
        this.budgets = budgets;
        this.clock = clock;
        this.zone = zone;
        this.grace = grace;
    }

    /** "budget: spent $2.71 of its $2.50 cap". */
    public static String taskReason(double spent, double cap) {
        return "budget: spent " + Budgets.money(spent) + " of its " + Budgets.money(cap) + " cap";
    }

    private record Stop(long attemptId, String reason) {
    }

    public void tick() {
        Instant now = clock.instant();
        List<Stop> due = store.read(tx -> {
            List<AttemptRecord> running = tx.runningAttempts();
            if (running.isEmpty()) {
                overSince.clear();
                return List.<Stop>of();
            }
            List<Stats.Budget> reached = null;
            List<Stop> stops = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (AttemptRecord attempt : running) {
                seen.add(attempt.id());
                Task task = tx.task(attempt.taskId()).orElse(null);
                if (task == null || task.status() != TaskStatus.RUNNING) {
                    continue;
                }
                Double cap = task.agent().maxCostUsd();
                AgentProgress progress = AttemptEnding.progress(attempt);
                if (cap != null && progress != null && progress.costUsd() != null && progress.costUsd() > cap) {
                    Instant first = overSince.computeIfAbsent(attempt.id(), id -> now);
                    if (!Duration.between(first, now).minus(grace).isNegative()) {
                        stops.add(new Stop(attempt.id(), taskReason(progress.costUsd(), cap)));
                        continue;
                    }
                }
                Project project = tx.project(task.project()).orElse(null);
                if (project != null && project.policy().stopsRunningOverBudget()) {
                    if (reached == null) {
                        reached = budgets.reached(tx);
                    }
                    Budgets.reason(reached, task.project(), zone)
                            .ifPresent(reason -> stops.add(new Stop(attempt.id(), reason)));
                }
            }
            overSince.keySet().retainAll(seen);
            return stops;
        });
        if (due.isEmpty()) {
            return;
        }
        List<AttemptRecord> stopped = new ArrayList<>();
        store.write(tx -> {
            for (Stop stop : due) {
                AttemptRecord attempt = tx.attempt(stop.attemptId()).orElse(null);
                if (attempt == null || attempt.state() != AttemptRecord.State.RUNNING) {
                    continue;
                }
                Task task = tx.task(attempt.taskId()).orElseThrow();
                if (task.status() != TaskStatus.RUNNING) {
                    continue;
                }
                work.ending().endByHub(tx, task, attempt, TaskStatus.FAILED, stop.reason(), now);
                stopped.add(attempt);
            }
            return null;
        });
        stopped.forEach(work::attemptStopped);
        if (!stopped.isEmpty()) {
            dispatcher.wake();
        }
    }
}
