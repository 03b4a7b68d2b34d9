package dev.dobby.hub.store;

import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Schedule;
import java.time.Duration;
import java.time.Instant;

/**
 * A schedule as stored: exactly one of {@code cron} and {@code every} is set.
 *
 * @param everyText the interval as the user wrote it, to show it back
 * @param template  the task each run queues (without cron or every)
 * @param nextRunAt the firing still owed; null once cancelled
 */
public record ScheduleRecord(
        long id,
        String project,
        String description,
        String cron,
        Duration every,
        String everyText,
        NewTask template,
        Schedule.State state,
        Instant createdAt,
        Instant nextRunAt,
        Instant lastRunAt,
        Long lastTaskId,
        int runs,
        Instant cancelledAt) {
}
