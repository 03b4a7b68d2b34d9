package dev.dobby.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a task stands. The table in {@link #ALLOWED} is the only definition of which changes are legal; the hub
 * routes every status change through {@link #requireTransition}.
 */
public enum TaskStatus {
    DRAFT, PENDING, BLOCKED, RUNNING, COMPLETED, FAILED, CANCELLED, TIMED_OUT, STALE;

    private static final Map<TaskStatus, Set<TaskStatus>> ALLOWED = new EnumMap<>(TaskStatus.class);

    static {
        ALLOWED.put(DRAFT, EnumSet.of(PENDING, BLOCKED, CANCELLED));
        ALLOWED.put(PENDING, EnumSet.of(RUNNING, BLOCKED, CANCELLED));
        ALLOWED.put(BLOCKED, EnumSet.of(PENDING, CANCELLED));
        // RUNNING -> PENDING is a lost attempt going back to the queue, or an automatic retry of a failed one.
        ALLOWED.put(RUNNING, EnumSet.of(COMPLETED, FAILED, CANCELLED, TIMED_OUT, STALE, PENDING));
        ALLOWED.put(COMPLETED, EnumSet.noneOf(TaskStatus.class));
        // Retrying an ended task queues it again, or blocks it while a parent has not completed.
        for (TaskStatus retryable : EnumSet.of(FAILED, CANCELLED, TIMED_OUT, STALE)) {
            ALLOWED.put(retryable, EnumSet.of(PENDING, BLOCKED));
        }
    }

    /** The lowercase name used on the wire, in the database and in the CLI. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TaskStatus fromWire(String value) {
        return Wire.parse(TaskStatus.class, value, "status");
    }

    private static final Set<TaskStatus> ENDED = EnumSet.of(COMPLETED, FAILED, CANCELLED, TIMED_OUT, STALE);

    /** The task has ended; only a retry (where allowed) moves it again. */
    public boolean isTerminal() {
        return ENDED.contains(this);
    }

    /** An ended task that a retry may queue again. */
    public boolean isRetryable() {
        return isTerminal() && canMoveTo(PENDING);
    }

    public boolean canMoveTo(TaskStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    public Set<TaskStatus> next() {
        return Set.copyOf(ALLOWED.get(this));
    }

    public static void requireTransition(TaskStatus from, TaskStatus to) {
        if (!from.canMoveTo(to)) {
            throw new IllegalTransitionException(from, to);
        }
    }

    public static String allWire() {
        return Arrays.stream(values()).map(TaskStatus::wire).collect(Collectors.joining(", "));
    }

    /** An attempt to make a change the transition table forbids: always a bug in the caller. */
    public static final class IllegalTransitionException extends IllegalStateException {
        public IllegalTransitionException(TaskStatus from, TaskStatus to) {
            super("illegal task transition " + from.wire() + " -> " + to.wire());
        }
    }
}
