package dev.dobby.agent.runner;

import dev.dobby.protocol.work.OutputLine;
import java.time.Instant;

/** What a running agent reports, in order: started (unless it could not start), output lines, exited. */
public interface RunListener {

    void started(long pid, Instant processStart);

    /** One line, already redacted. Called from the stream-reading threads. */
    void output(OutputLine line);

    /** The run is over: the agent and everything it spawned are gone. Called exactly once. */
    void exited(RunResult result);
}
