package dev.dobby.hub.core;

import dev.dobby.hub.store.ScheduleRecord;
import dev.dobby.hub.store.Store;
import dev.dobby.hub.store.WriteTx;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Schedule;
import dev.dobby.protocol.Task;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires due schedules, one run per firing. Run by {@link #tick()} every second (tests step their clock and call
 * it). The run and the schedule's next firing are written in one transaction, and the store refuses a second task
 * for the same firing, so no firing runs twice, across restarts included.
 *
 * <p>A hub that was down (or asleep) across one or more firings owes one run, not one per firing missed: it runs
 * the latest of them once, marked {@code catch_up}, and goes on from the next firing after now.
 */
public final class Scheduler {
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final Store store;
    private final TaskCommands tasks;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final ZoneId zone;
    private final Instant startedAt;

    public Scheduler(Store store, TaskCommands tasks, Dispatcher dispatcher, Clock clock, ZoneId zone) {
        this.store = store;
        this.tasks = tasks;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.zone = zone;
        this.startedAt = clock.instant();
    }

    public void tick() {
        Instant now = clock.instant();
        boolean queued = false;
        try {
            List<ScheduleRecord> due = store.read(tx -> tx.dueSchedules(now));
            for (ScheduleRecord schedule : due) {
                try {
                    queued |= store.write(tx -> fire(tx, schedule.id(), now));
                } catch (RuntimeException e) {
                    log.error("schedule {} could not fire; will try again", schedule.id(), e);
                }
            }
        } catch (RuntimeException e) {
            log.error("scheduler tick failed; will try again", e);
        }
        if (queued) {
            dispatcher.wake();
        }
    }

    private boolean fire(WriteTx tx, long scheduleId, Instant now) {
        ScheduleRecord schedule = tx.schedule(scheduleId).orElse(null);
        if (schedule == null || schedule.state() != Schedule.State.ACTIVE || schedule.nextRunAt() == null
                || schedule.nextRunAt().isAfter(now)) {
            return false;
        }
        ScheduleSpec spec = ScheduleSpec.parse(schedule.cron(), schedule.everyText(), zone);
        Instant window = spec.latestDue(schedule.nextRunAt(), now);
        Instant next = spec.nextAfter(window);
        boolean catchUp = window.isBefore(startedAt) || window.isAfter(schedule.nextRunAt());
        try {
            tasks.check(tx, schedule.template());
        } catch (ApiException e) {
            // Nothing to queue for this firing (say, a task it waits for is gone): skip it rather than retry forever.
            log.warn("schedule {}: skipping the firing at {}: {}", scheduleId, window, e.getMessage());
            tx.scheduleFired(scheduleId, window, null, next, now);
            return false;
        }
        Task run = tasks.insert(tx, schedule.template(), null, List.of(),
                new TaskCommands.ScheduleRun(scheduleId, window, catchUp));
        tx.scheduleFired(scheduleId, window, run.id(), next, now);
        if (catchUp) {
            log.info("schedule {}: task {} catches up on the firing at {} (missed while the hub was down)",
                    scheduleId, run.id(), window);
        }
        return true;
    }
}
