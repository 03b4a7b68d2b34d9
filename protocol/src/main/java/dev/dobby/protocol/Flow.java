package dev.dobby.protocol;

import java.util.List;

/** A task's agent steps in order (empty for plain shell tasks, which have no structured stream). */
public record Flow(long taskId, List<FlowStep> steps) {
    public Flow {
        steps = List.copyOf(steps);
    }
}
