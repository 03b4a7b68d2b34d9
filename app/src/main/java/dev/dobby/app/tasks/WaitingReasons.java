package dev.dobby.app.tasks;

import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;

/** Which tasks wait to start (the hub says why, and whether they can run as things stand). */
public final class WaitingReasons {
    private WaitingReasons() {
    }

    public static boolean waits(Task task) {
        return task != null && (task.status() == TaskStatus.PENDING || task.status() == TaskStatus.BLOCKED
                || task.status() == TaskStatus.DRAFT);
    }
}
