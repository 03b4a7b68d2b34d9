package dev.dobby.protocol.work;

import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;

/**
 * A task handed to a worker for one attempt.
 *
 * @param workdir        the project's directory on that worker
 * @param timeoutSeconds stop the agent after this long and report {@code timed_out}
 * @param context        the project's context text, for agents that take a system prompt
 * @param resumesAttempt the earlier attempt whose agent session this one continues ({@code agent.resumeSession}
 *                       names the session), so the worker gives it that attempt's worktree again; null for a
 *                       fresh start
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
        AgentOptions agent,
        Integer resumesAttempt) {
}
