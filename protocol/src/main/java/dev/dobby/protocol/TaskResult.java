package dev.dobby.protocol;

import java.time.Instant;
import java.util.List;

/**
 * What a finished attempt produced.
 *
 * @param summary       the agent's final words, or the last lines of output for a shell task
 * @param artifactsDir  where the hub keeps this task's files (result.json, output.log, anything the task left)
 * @param branch        the git branch of the worktree it ran in, if any (kept after the worktree is removed)
 * @param rateLimited   the attempt ended on a usage or rate limit, not a failure of the task itself
 * @param rateLimitedUntil when that limit resets, if known
 * @param incomplete    the output stream ended before the agent reported a result (it was killed or crashed)
 * @param tokensIn      input tokens; in a task's result (its latest attempt's), the sum over all its attempts, so a
 *                      resumed session counts every part of it (so do {@code tokensOut} and {@code costUsd})
 */
public record TaskResult(
        long taskId,
        int attempt,
        TaskStatus status,
        String summary,
        Integer exitCode,
        double durationSeconds,
        String artifactsDir,
        List<String> filesChanged,
        Long tokensIn,
        Long tokensOut,
        Double costUsd,
        Integer turns,
        String sessionId,
        String branch,
        String baseCommit,
        String diffStat,
        boolean rateLimited,
        Instant rateLimitedUntil,
        boolean incomplete,
        Instant createdAt) {

    public TaskResult {
        filesChanged = filesChanged == null ? List.of() : List.copyOf(filesChanged);
    }

    /** This result with the token and cost figures replaced. */
    public TaskResult withTotals(Long totalIn, Long totalOut, Double totalCost) {
        return new TaskResult(taskId, attempt, status, summary, exitCode, durationSeconds, artifactsDir, filesChanged,
                totalIn, totalOut, totalCost, turns, sessionId, branch, baseCommit, diffStat, rateLimited,
                rateLimitedUntil, incomplete, createdAt);
    }
}
