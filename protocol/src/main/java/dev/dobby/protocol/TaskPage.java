package dev.dobby.protocol;

import java.util.List;
import java.util.Map;

/**
 * One page of tasks, newest first, and how many match in all.
 *
 * @param waiting why each waiting task of this page (pending, blocked, draft) has not started, by task id; only
 *                the tasks the hub can explain are in it
 */
public record TaskPage(List<Task> tasks, long total, int limit, int offset, Map<Long, Waiting> waiting) {
    public TaskPage {
        tasks = List.copyOf(tasks);
        waiting = waiting == null ? Map.of() : Map.copyOf(waiting);
    }

    /** A page that explains none of its tasks. */
    public TaskPage(List<Task> tasks, long total, int limit, int offset) {
        this(tasks, total, limit, offset, Map.of());
    }

    public TaskPage withWaiting(Map<Long, Waiting> value) {
        return new TaskPage(tasks, total, limit, offset, value);
    }
}
