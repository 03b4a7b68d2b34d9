package dev.dobby.protocol.work;

import dev.dobby.protocol.TaskStatus;
import java.util.List;

/**
 * How an attempt ended, as the worker saw it.
 *
 * @param status     completed, failed, timed_out, stale or cancelled
 * @param logChunks  how many log chunks the worker sent for the attempt
 * @param branch     the git branch the attempt worked on, when it ran in a worktree
 * @param baseCommit the commit that branch started from
 * @param diffStat   {@code git diff --stat} of the branch against its base
 * @param rateLimited the agent stopped because it hit a usage or rate limit
 * @param rateLimitedUntil when that limit resets, if the agent said
 * @param incomplete the agent's stream ended without its final report
 * @param reason     a sentence on why it failed, if it did; it starts with {@link #RESUME_REFUSED} when the agent
 *                   would not continue the session it was asked to resume (the hub then starts the task afresh)
 */
public record Outcome(
        TaskStatus status,
        Integer exitCode,
        double durationSeconds,
        String summary,
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
        java.time.Instant rateLimitedUntil,
        boolean incomplete,
        String reason,
        long logChunks) {

    public static final String RESUME_REFUSED = "resume refused";

    public Outcome {
        filesChanged = filesChanged == null ? List.of() : List.copyOf(filesChanged);
    }
}
