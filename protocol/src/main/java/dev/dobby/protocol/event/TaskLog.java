package dev.dobby.protocol.event;

import dev.dobby.protocol.LogLine;
import java.time.Instant;
import java.util.List;

/** New lines of a task's output; {@code seq} is the last line's. */
public record TaskLog(long seq, Instant at, long taskId, List<LogLine> lines) implements HubEvent {
    public static final String TYPE = "task.log";

    public TaskLog {
        lines = List.copyOf(lines);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Long subjectTask() {
        return taskId;
    }

    @Override
    public TaskLog withSeq(long value) {
        return new TaskLog(value, at, taskId, lines);
    }
}
