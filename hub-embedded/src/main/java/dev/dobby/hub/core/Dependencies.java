package dev.dobby.hub.core;

import dev.dobby.hub.store.WriteTx;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.TaskUpdated;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Dependency rules. A task waits in {@code blocked} until every parent has completed. A parent that failed or
 * was cancelled keeps its children blocked (fail closed) until it is retried or they are cancelled, and the
 * children say which parent holds them.
 */
public final class Dependencies {
    private Dependencies() {
    }

    public static boolean allCompleted(List<Task> parents) {
        return parents.stream().allMatch(p -> p.status() == TaskStatus.COMPLETED);
    }

    /**
     * Why a task with these parents cannot run yet; null if it can. It names the parents still to complete, and the
     * ones that ended without completing, which hold the task until they are retried.
     */
    public static String waitingReason(List<Task> parents) {
        List<Task> open = parents.stream().filter(p -> p.status() != TaskStatus.COMPLETED).toList();
        if (open.isEmpty()) {
            return null;
        }
        String waits = "waiting for " + ids(open) + " to complete";
        List<Task> holding = open.stream().filter(p -> p.status().isTerminal()).toList();
        if (holding.isEmpty()) {
            return waits;
        }
        String ended = holding.stream().map(p -> "#" + p.id() + " " + p.status().wire())
                .collect(Collectors.joining(", "));
        return waits + "; " + ended + ": retry " + (holding.size() == 1 ? "it" : "them") + " or cancel this task";
    }

    private static String ids(List<Task> tasks) {
        return tasks.stream().map(t -> "#" + t.id()).collect(Collectors.joining(", "));
    }

    /** After {@code parent} ended: release children whose parents have all completed, update the others' reason. */
    public static void parentEnded(WriteTx tx, Task parent, Instant now) {
        for (long childId : tx.children(parent.id())) {
            Task child = tx.task(childId).orElse(null);
            if (child == null || child.status() != TaskStatus.BLOCKED) {
                continue;
            }
            List<Task> parents = tx.tasks(child.dependsOn());
            if (allCompleted(parents)) {
                Transitions.move(tx, child, TaskStatus.PENDING, null, now);
            } else {
                String reason = waitingReason(parents);
                if (!reason.equals(child.statusReason())) {
                    tx.updateStatusReason(child.id(), reason, now);
                    tx.record(new TaskUpdated(0, now, tx.task(child.id()).orElseThrow()));
                }
            }
        }
    }
}
