package dev.dobby.protocol;

import dev.dobby.protocol.event.TaskStatusChanged;
import java.util.Optional;

/**
 * The two moments of a task held up by an agent account's usage limit that people want to hear about, read from
 * the task's status changes: it starts waiting ({@code task.waiting_for_limit}), and its session resumes
 * ({@code task.resumed}).
 */
public enum UsageLimitNotice {
    WAITING("task.waiting_for_limit"),
    RESUMED("task.resumed");

    /** How the hub's reason starts when a task waits for a limit: "usage limit of local/claude — resumes at 14:05". */
    public static final String WAITING_PREFIX = "usage limit of ";
    /** How the reason starts when an attempt resumes an earlier session. */
    public static final String RESUMING_PREFIX = "resuming session ";

    private final String event;

    UsageLimitNotice(String event) {
        this.event = event;
    }

    /** The webhook event name. */
    public String event() {
        return event;
    }

    public static Optional<UsageLimitNotice> of(TaskStatusChanged change) {
        String reason = change.reason();
        if (reason == null) {
            return Optional.empty();
        }
        if (change.to() == TaskStatus.PENDING && reason.startsWith(WAITING_PREFIX)) {
            return Optional.of(WAITING);
        }
        if (change.to() == TaskStatus.RUNNING && reason.startsWith(RESUMING_PREFIX)) {
            return Optional.of(RESUMED);
        }
        return Optional.empty();
    }
}
