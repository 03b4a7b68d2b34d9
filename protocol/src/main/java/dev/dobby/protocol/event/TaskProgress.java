package dev.dobby.protocol.event;

import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.work.AgentProgress;
import java.time.Instant;
import java.util.List;

/** A running agent moved on: its latest progress and the flow steps added or updated since the last report. */
public record TaskProgress(long seq, Instant at, long taskId, int attempt, AgentProgress progress,
                           List<FlowStep> steps) implements HubEvent {
    public static final String TYPE = "task.progress";

    public TaskProgress {
        steps = steps == null ? List.of() : List.copyOf(steps);
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
    public TaskProgress withSeq(long value) {
        return new TaskProgress(value, at, taskId, attempt, progress, steps);
    }
}
