package dev.dobby.protocol.work;

import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;

/**
 * A task handed to a worker for one attempt.
 *
 * @param workdir        the project's directory on that worker
 * @param timeoutSeconds stop the agent after this long and report {@code timed_out}
 * @param context        the project's context text, for agents that take a system prompt
 */
public record Assignment(
        AttemptRef attempt,
        long taskId,
        int attemptNumber,
        String description,
        Backend backend,
        String project,
        String workdir,
        int timeoutSeconds,
        boolean worktree,
        String context,
        AgentOptions agent) {
}
