package dev.dobby.agent.runner.git;

/** An attempt that asked for a worktree cannot have one; the message says why, for the task's reason. */
public final class WorktreeException extends RuntimeException {
    public WorktreeException(String message) {
        super(message);
    }
}
