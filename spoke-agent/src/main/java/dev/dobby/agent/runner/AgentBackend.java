package dev.dobby.agent.runner;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.work.Assignment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** How one kind of agent is started and how its output is read. */
public interface AgentBackend {

    Backend kind();

    /** Whether this worker can run it (its program is installed). */
    boolean available();

    /**
     * The argv that runs the assignment in {@code workdir} (the project directory or the attempt's worktree). The
     * task text is always one argument, placed where the program cannot read it as an option; never shell syntax.
     */
    List<String> command(Assignment assignment, Path workdir);

    /**
     * Why this worker cannot run the assignment although the program is installed (too old a version, say), as a
     * sentence for the user; null when it can.
     */
    default String refusal(Assignment assignment) {
        return null;
    }

    /** Variables to add to the inherited environment. */
    default Map<String, String> environment(Assignment assignment) {
        return Map.of();
    }

    /** A fresh parser for one attempt's output. */
    OutputParser newParser(Assignment assignment, Path workdir);
}
