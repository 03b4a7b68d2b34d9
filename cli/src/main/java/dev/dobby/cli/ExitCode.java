package dev.dobby.cli;

/** What dobby's exit status means; scripts can rely on these. */
public final class ExitCode {
    /** Done; for commands that wait on a task, the task completed. */
    public static final int OK = 0;
    /** The task the command waited on failed, timed out, went stale or was cancelled. */
    public static final int TASK_FAILED = 1;
    /** Wrong flags or arguments. */
    public static final int USAGE = 2;
    /** No hub answered at the URL. */
    public static final int HUB_UNREACHABLE = 3;
    /** The hub refused the API key (or none was given). */
    public static final int UNAUTHORIZED = 4;
    /** The task, project or batch named does not exist. */
    public static final int NOT_FOUND = 5;
    /** The hub refused the request as it stands (bad value, or not possible in the current state). */
    public static final int REFUSED = 6;
    /** Anything else went wrong (a bug, a full disk); the message says what. */
    public static final int ERROR = 10;

    private ExitCode() {
    }
}
