package dev.dobby.agent.testing;

import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.AttemptRef;
import java.nio.file.Path;

/** Assignments as the hub hands them out, for tests. */
public final class Assignments {
    private Assignments() {
    }

    public static Assignment of(Backend backend, long taskId, String description, Path workdir) {
        return of(backend, taskId, 1, description, workdir, false, null, AgentOptions.NONE);
    }

    public static Assignment of(Backend backend, long taskId, int attempt, String description, Path workdir,
                                boolean worktree, String context, AgentOptions options) {
        return new Assignment(new AttemptRef(taskId * 100 + attempt, "token-" + taskId), taskId, attempt, description,
                backend, "demo", workdir.toString(), 60, worktree, context, options, null);
    }
}
