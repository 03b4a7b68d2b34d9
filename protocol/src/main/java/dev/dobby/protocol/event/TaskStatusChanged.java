package dev.dobby.protocol.event;

import dev.dobby.protocol.TaskStatus;
import java.time.Instant;

/** A task moved from one status to another; {@code attempt} is 0 before the first claim. */
public record TaskStatusChanged(long seq, Instant at, long taskId, String project, TaskStatus from, TaskStatus to,
                                String reason, String worker, int attempt) implements HubEvent {
    public static final String TYPE = "task.status";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Long subjectTask() {
        return taskId;
    }

    @Override
    public TaskStatusChanged withSeq(long value) {
        return new TaskStatusChanged(value, at, taskId, project, from, to, reason, worker, attempt);
    }
}
