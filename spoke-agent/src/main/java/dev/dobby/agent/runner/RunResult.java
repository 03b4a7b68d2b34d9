package dev.dobby.agent.runner;

import dev.dobby.protocol.TaskStatus;

/**
 * How a run ended.
 *
 * @param exitCode the agent's exit code; null if it never started or was killed by a signal we sent
 * @param reason   why it did not complete, in a sentence; null when it completed
 * @param worktree the worktree it ran in, or null if it ran in the project directory
 */
public record RunResult(TaskStatus status, Integer exitCode, double durationSeconds, ParsedResult parsed,
                        String reason, Worktree worktree) {

    /** Where an attempt ran when it had a git worktree of its own. */
    public record Worktree(String path, String branch, String baseCommit, String diffStat) {
    }
}
