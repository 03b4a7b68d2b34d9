package dev.dobby.app.tasks;

import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;

/** Reading the hub's waiting reasons: which tasks wait, and which can never run as things stand. */
public final class WaitingReasons {
    private WaitingReasons() {
    }

    public static boolean waits(Task task) {
        return task != null && (task.status() == TaskStatus.PENDING || task.status() == TaskStatus.BLOCKED
                || task.status() == TaskStatus.DRAFT);
    }

    /**
     * A reason that time alone will not lift: no worker can take the task (no one online with the tags or the
     * backend, a named worker that is gone, a remote-only project with only the local worker), or a parent ended
     * without completing. Someone has to act; the list marks such tasks.
     */
    public static boolean stuck(String reason) {
        if (reason == null) {
            return false;
        }
        return reason.startsWith("no online ") || reason.contains(" is not online")
                || reason.contains("cannot run it") || reason.contains(": retry it or cancel")
                || reason.contains(": retry them or cancel");
    }
}
