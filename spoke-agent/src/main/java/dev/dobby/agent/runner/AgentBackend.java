package dev.dobby.agent.runner;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.work.Assignment;
import java.util.List;

/** How one kind of agent is started and how its output is read. */
public interface AgentBackend {

    Backend kind();

    /** Whether this worker can run it (its program is installed). */
    boolean available();

    /** The argv that runs the assignment; the task text is always one argument, never shell syntax. */
    List<String> command(Assignment assignment);

    /** A fresh parser for one attempt's output. */
    OutputParser newParser();
}
