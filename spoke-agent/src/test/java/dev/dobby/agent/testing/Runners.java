package dev.dobby.agent.testing;

import dev.dobby.agent.runner.AgentBackend;
import dev.dobby.agent.runner.AgentRunner;
import dev.dobby.agent.runner.Redactor;
import dev.dobby.agent.runner.git.WorktreeManager;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real runner as a worker builds it, around the given backends. */
public final class Runners {
    private Runners() {
    }

    public static AgentRunner runner(Path tempDir, AgentBackend... backends) {
        return runner(tempDir, Redactor.none(), backends);
    }

    public static AgentRunner runner(Path tempDir, Redactor redactor, AgentBackend... backends) {
        return new AgentRunner("w1", List.of(backends), redactor, Duration.ofSeconds(2), null,
                new WorktreeManager(tempDir.resolve("worktrees"), Duration.ofDays(1), Clock.systemUTC()),
                tempDir.resolve("attempts"), Clock.systemUTC());
    }

    /** An environment where only the given program variable is set (and PATH, for the fake's own tools). */
    public static Map<String, String> env(String variable, Path program) {
        return Map.of(variable, program.toString(), "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }
}
