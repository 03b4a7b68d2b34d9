package dev.dobby.agent.runner;

import dev.dobby.agent.supervisor.AttemptFolder;
import dev.dobby.protocol.work.OutputLine;
import java.time.Instant;

/** What a running agent reports, in order: started (unless it could not start), output lines, exited. */
public interface RunListener {

    void started(long pid, Instant processStart);

    /**
     * Where the run's supervisor keeps its files; told before any output. A listener that reports the run marks
     * the folder collected once the report is delivered, so a restarted worker does not report it again.
     */
    default void folder(AttemptFolder folder) {
    }

    /** Where a batch scheduler placed the run (job id, state, node); again on every change. */
    default void placed(dev.dobby.protocol.work.Placement placement) {
    }

    /** One line, already redacted. Called from the stream-reading threads. */
    void output(OutputLine line);

    /** The run is over: the agent and everything it spawned are gone. Called exactly once. */
    void exited(RunResult result);
}
