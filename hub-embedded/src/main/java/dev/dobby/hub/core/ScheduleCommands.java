package dev.dobby.hub.core;

import dev.dobby.hub.store.ScheduleRecord;
import dev.dobby.hub.store.Store;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Schedule;
import dev.dobby.protocol.SchedulePreview;
import dev.dobby.protocol.TaskPage;
import dev.dobby.protocol.TaskQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Creating, listing, previewing, pausing and cancelling schedules. Their firing is the {@link Scheduler}'s. */
public final class ScheduleCommands {
    private final Store store;
    private final TaskCommands tasks;
    private final Clock clock;
    private final ZoneId zone;

    public ScheduleCommands(Store store, TaskCommands tasks, Clock clock, ZoneId zone) {
        this.store = store;
        this.tasks = tasks;
        this.clock = clock;
        this.zone = zone;
    }

    public Schedule create(NewTask request) {
        if (request == null || !request.isSchedule()) {
            throw ApiException.badRequest("a schedule needs cron or every");
        }
        ScheduleSpec spec = ScheduleSpec.parse(request.cron(), request.every(), zone);
        NewTask template = request.withoutSchedule();
        Duration every = request.every() == null ? null : ScheduleSpec.interval(request.every());
        long id = store.write(tx -> {
            TaskCommands.Checked checked = tasks.check(tx, template);
            Instant now = clock.instant();
            return tx.insertSchedule(new ScheduleRecord(0, checked.project().name(), checked.description(),
                    request.cron() == null ? null : request.cron().strip(), every,
                    request.every() == null ? null : request.every().strip(), template, Schedule.State.ACTIVE, now,
                    spec.firstAfter(now), null, null, 0, null));
        });
        return get(id);
    }

    public List<Schedule> list(String project) {
        return store.read(tx -> tx.schedules(project)).stream().map(this::view).toList();
    }

    public Schedule get(long id) {
        return view(store.read(tx -> tx.schedule(id)).orElseThrow(() -> notFound(id)));
    }

    public Schedule cancel(long id) {
        store.write(tx -> {
            ScheduleRecord schedule = tx.schedule(id).orElseThrow(() -> notFound(id));
            if (!tx.cancelSchedule(id, clock.instant())) {
                throw ApiException.conflict("schedule " + id + " is already " + schedule.state().wire());
            }
            return null;
        });
        return get(id);
    }

    public Schedule pause(long id) {
        store.write(tx -> {
            ScheduleRecord schedule = tx.schedule(id).orElseThrow(() -> notFound(id));
            if (!tx.pauseSchedule(id, clock.instant())) {
                throw ApiException.conflict("schedule " + id + " is " + schedule.state().wire() + ", not active");
            }
            return null;
        });
        return get(id);
    }

    /** Firings missed while paused are skipped, not caught up: the schedule goes on from its next firing. */
    public Schedule resume(long id) {
        store.write(tx -> {
            ScheduleRecord schedule = tx.schedule(id).orElseThrow(() -> notFound(id));
            Instant now = clock.instant();
            Instant next = ScheduleSpec.parse(schedule.cron(), schedule.everyText(), zone).firstAfter(now);
            if (!tx.resumeSchedule(id, next, now)) {
                throw ApiException.conflict("schedule " + id + " is " + schedule.state().wire() + ", not paused");
            }
            return null;
        });
        return get(id);
    }

    public TaskPage runs(long id, int limit, int offset) {
        if (limit < 1 || limit > TaskQuery.MAX_LIMIT || offset < 0) {
            throw ApiException.badRequest("limit must be between 1 and " + TaskQuery.MAX_LIMIT
                    + " and offset not negative");
        }
        return store.read(tx -> {
            tx.schedule(id).orElseThrow(() -> notFound(id));
            return tx.scheduleRuns(id, limit, offset);
        });
    }

    /** The next {@code count} firings of a schedule created now; refuses what {@link #create} would refuse. */
    public SchedulePreview preview(String cron, String every, int count) {
        if (count < 1 || count > SchedulePreview.MAX_COUNT) {
            throw ApiException.badRequest("count must be between 1 and " + SchedulePreview.MAX_COUNT);
        }
        String cronText = blankToNull(cron);
        String everyText = blankToNull(every);
        ScheduleSpec spec = ScheduleSpec.parse(cronText, everyText, zone);
        List<Instant> next = new ArrayList<>();
        Instant at = spec.firstAfter(clock.instant());
        for (int i = 0; i < count; i++) {
            next.add(at);
            at = spec.nextAfter(at);
        }
        return new SchedulePreview(cronText, everyText, zone.getId(), next);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("no schedule " + id);
    }

    Schedule view(ScheduleRecord r) {
        return new Schedule(r.id(), r.project(), r.description(), r.cron(), r.everyText(), zone.getId(), r.state(),
                r.template(), r.createdAt(), r.nextRunAt(), r.lastRunAt(), r.lastTaskId(), r.runs(), r.cancelledAt());
    }
}
