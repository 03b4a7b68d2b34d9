package dev.dobby.protocol.event;

import dev.dobby.protocol.Task;
import java.time.Instant;

/** Fields of a task other than its status changed (a PATCH). */
public record TaskUpdated(long seq, Instant at, Task task) implements HubEvent {
    public static final String TYPE = "task.updated";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Long subjectTask() {
        return task.id();
    }

    @Override
    public TaskUpdated withSeq(long value) {
        return new TaskUpdated(value, at, task);
    }
}
