package dev.dobby.protocol.event;

import dev.dobby.protocol.Task;
import java.time.Instant;

public record TaskCreated(long seq, Instant at, Task task) implements HubEvent {
    public static final String TYPE = "task.created";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Long subjectTask() {
        return task.id();
    }

    @Override
    public TaskCreated withSeq(long value) {
        return new TaskCreated(value, at, task);
    }
}
