package dev.dobby.protocol.event;

import dev.dobby.protocol.TaskResult;
import java.time.Instant;

/** An attempt ended and its result was recorded. */
public record TaskFinished(long seq, Instant at, String project, TaskResult result) implements HubEvent {
    public static final String TYPE = "task.finished";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Long subjectTask() {
        return result.taskId();
    }

    @Override
    public TaskFinished withSeq(long value) {
        return new TaskFinished(value, at, project, result);
    }
}
