package dev.dobby.agent.runner;

import java.io.File;
import java.util.Map;
import java.util.Optional;

/**
 * Finds an agent's program: the path in its {@code DOBBY_*_BIN} variable when set, else the first executable of
 * that name on {@code PATH}. The environment is passed in (not read from the JVM) so a worker's configuration and
 * tests decide where agents come from.
 */
public final class AgentBinary {
    private final String name;
    private final String variable;
    private final Map<String, String> env;

    /**
     * @param name     the program's name on PATH ("claude")
     * @param variable the variable that overrides it ("DOBBY_CLAUDE_BIN")
     */
    public AgentBinary(String name, String variable, Map<String, String> env) {
        this.name = name;
        this.variable = variable;
        this.env = Map.copyOf(env);
    }

    /**
     * The program to run, looked up afresh each time so an agent installed after the worker started is found.
     * A configured value that is not a path (no slash) is itself looked up on PATH.
     */
    public Optional<String> find() {
        String configured = env.get(variable);
        if (configured != null && !configured.isBlank()) {
            String value = configured.strip();
            return value.contains(File.separator) ? executable(new File(value)) : onPath(value);
        }
        return onPath(name);
    }

    /** The argv's first element; only call after {@link #find} said the program exists. */
    public String require() {
        return find().orElseThrow(() -> new IllegalStateException(name + " is not installed"));
    }

    private Optional<String> onPath(String program) {
        String path = env.get("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Optional<String> found = executable(new File(dir, program));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> executable(File file) {
        return file.isFile() && file.canExecute() ? Optional.of(file.getAbsolutePath()) : Optional.empty();
    }
}
