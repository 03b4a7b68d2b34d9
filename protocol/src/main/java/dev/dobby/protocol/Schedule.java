package dev.dobby.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * A task that repeats: POST /tasks with {@code cron} or {@code every} creates one, and each firing queues one run
 * of {@code task} (a task whose {@code schedule_id} is this id).
 *
 * @param cron      the cron expression as given (nicknames such as @daily kept), or null
 * @param every     the interval as given (30m, 2h), or null
 * @param timeZone  the time zone cron expressions are read in: the hub's
 * @param task      what each run queues
 * @param nextRunAt when the next run is due; null while paused and once cancelled
 * @param lastRunAt the firing time of the latest run, null before the first
 * @param lastTaskId the latest run's task id
 * @param runs      how many runs it has queued
 */
public record Schedule(
        long id,
        String project,
        String description,
        String cron,
        String every,
        String timeZone,
        State state,
        NewTask task,
        Instant createdAt,
        Instant nextRunAt,
        Instant lastRunAt,
        Long lastTaskId,
        int runs,
        Instant cancelledAt) {

    public enum State {
        /** Queues a run at each firing. */
        ACTIVE,
        /** Held: queues nothing until resumed, then goes on from the next firing after that moment. */
        PAUSED,
        /** Stopped: no further runs. */
        CANCELLED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static State fromWire(String value) {
            return Wire.parse(State.class, value, "schedule state");
        }
    }
}
