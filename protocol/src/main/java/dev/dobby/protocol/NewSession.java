package dev.dobby.protocol;

import java.util.List;

/**
 * A request for a Remote Control session (POST /sessions). Only {@code project} is required.
 *
 * @param name           the session's name in claude.ai/code and the Claude app; default {@code dobby-PROJECT}
 * @param targetSpoke    run it only on this worker ({@code local} for the hub's own)
 * @param targetTags     run it only on a worker with every one of these tags
 * @param worktree       start it in a git worktree of its own instead of the project's checkout
 * @param permissionMode Claude Code's permission mode for the session ({@code default}, {@code acceptEdits}, ...)
 * @param timeout        seconds before the session is stopped; null for {@link #DEFAULT_TIMEOUT}
 */
public record NewSession(String project, String name, String targetSpoke, List<String> targetTags, Boolean worktree,
                         String permissionMode, Integer timeout) {
    /** Sessions are meant to be left open for a working day; the project's task timeout is usually far shorter. */
    public static final int DEFAULT_TIMEOUT = 12 * 3600;

    public NewSession {
        targetTags = targetTags == null ? List.of() : List.copyOf(targetTags);
    }

    public static NewSession in(String project) {
        return new NewSession(project, null, null, List.of(), null, null, null);
    }
}
