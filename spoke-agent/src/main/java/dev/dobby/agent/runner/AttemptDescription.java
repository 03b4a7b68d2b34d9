package dev.dobby.agent.runner;

import dev.dobby.protocol.work.Assignment;
import java.time.Instant;

/**
 * What a worker writes into an attempt's folder before its agent starts, so that a restarted worker can take the
 * attempt up again: the assignment, where it runs and since when.
 *
 * @param worktree the attempt's own git worktree, or null when it runs in the project directory
 */
public record AttemptDescription(Assignment assignment, String workdir, Worktree worktree, Instant startedAt) {

    /** A worktree as the worktree manager needs it to record the attempt's end. */
    public record Worktree(String repo, String dir, String workdir, String branch, String baseCommit) {
    }
}
