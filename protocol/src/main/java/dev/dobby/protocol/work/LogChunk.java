package dev.dobby.protocol.work;

import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.UsageWindow;
import java.util.List;

/**
 * What a worker sends while an attempt runs, numbered from 1 per attempt: new output lines, plus what the
 * output parser learned since the last chunk.
 *
 * @param steps    new or updated flow steps (a step is identified by its index; sending it again replaces it)
 * @param progress the parser's latest view of the run, or null if unchanged
 * @param usage    rate-limit figures the agent reported, if any
 */
public record LogChunk(long number, List<OutputLine> lines, List<FlowStep> steps, AgentProgress progress,
                       List<UsageWindow> usage) {
    public LogChunk {
        lines = lines == null ? List.of() : List.copyOf(lines);
        steps = steps == null ? List.of() : List.copyOf(steps);
        usage = usage == null ? List.of() : List.copyOf(usage);
    }

    public static LogChunk lines(long number, List<OutputLine> lines) {
        return new LogChunk(number, lines, List.of(), null, List.of());
    }
}
