package dev.dobby.agent.runner;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.work.Assignment;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the task description as a POSIX shell command. Here the description is meant as shell text: the user
 * asked for exactly that by choosing this backend. It still reaches {@code sh} as one argv element.
 */
public final class ShellBackend implements AgentBackend {
    private static final String SHELL = "/bin/sh";

    @Override
    public Backend kind() {
        return Backend.SHELL;
    }

    @Override
    public boolean available() {
        return new java.io.File(SHELL).canExecute();
    }

    @Override
    public List<String> command(Assignment assignment, Path workdir) {
        return List.of(SHELL, "-c", assignment.description());
    }

    @Override
    public OutputParser newParser(Assignment assignment, Path workdir) {
        return new TailParser();
    }
}
