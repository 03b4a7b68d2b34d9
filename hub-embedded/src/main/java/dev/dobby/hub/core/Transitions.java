package dev.dobby.hub.core;

import dev.dobby.hub.store.WriteTx;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.TaskStatusChanged;
import java.time.Instant;

/**
 * The only place a task's status changes: it checks the transition table, makes the change conditional on the
 * status the caller saw, and records the event, all in the caller's write transaction.
 */
public final class Transitions {
    private Transitions() {
    }

    /**
     * Move {@code task} to {@code to}. An illegal transition is a bug and throws
     * {@link TaskStatus.IllegalTransitionException}; a task that changed under the caller gives a 409.
     */
    public static Task move(WriteTx tx, Task task, TaskStatus to, String reason, Instant at) {
        TaskStatus.requireTransition(task.status(), to);
        if (!tx.updateStatus(task.id(), task.status(), to, reason, at)) {
            throw ApiException.conflict("task " + task.id() + " changed while this request ran; try again");
        }
        Task moved = tx.task(task.id()).orElseThrow();
        tx.record(new TaskStatusChanged(0, at, task.id(), task.project(), task.status(), to, reason, moved.worker(),
                moved.attempts()));
        return moved;
    }

    /** Record the event for a claim the store already made (pending to running). */
    /** @param note what the timeline should say about this start (a resumed session), or null */
    public static void claimed(WriteTx tx, Task running, String note, Instant at) {
        TaskStatus.requireTransition(TaskStatus.PENDING, TaskStatus.RUNNING);
        if (note != null) {
            tx.updateStatusReason(running.id(), note, at);
        }
        tx.record(new TaskStatusChanged(0, at, running.id(), running.project(), TaskStatus.PENDING, TaskStatus.RUNNING,
                note, running.worker(), running.attempts()));
    }
}
