package dev.dobby.agent.runner;

import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.UsageWindow;
import dev.dobby.protocol.work.AgentProgress;
import dev.dobby.protocol.work.OutputLine;
import java.util.List;

/**
 * Reads one attempt's output as it arrives and tells, at the end, what it amounted to. Lines may arrive from the
 * stdout and stderr readers at once, so implementations synchronise.
 */
public interface OutputParser {

    void accept(OutputLine line);

    /** What the output said, once the process has exited with {@code exitCode}. */
    ParsedResult finish(int exitCode);

    /** Flow steps, progress and usage learned since the last call; nothing for plain-text output. */
    default Updates drain() {
        return Updates.NONE;
    }

    /**
     * @param steps    steps added or changed since the last drain (a step is identified by its index)
     * @param progress the latest progress, or null if unchanged
     */
    record Updates(List<FlowStep> steps, AgentProgress progress, List<UsageWindow> usage) {
        public static final Updates NONE = new Updates(List.of(), null, List.of());

        public Updates {
            steps = List.copyOf(steps);
            usage = List.copyOf(usage);
        }

        public boolean isEmpty() {
            return steps.isEmpty() && progress == null && usage.isEmpty();
        }
    }
}
