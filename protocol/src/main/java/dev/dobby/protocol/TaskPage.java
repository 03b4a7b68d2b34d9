package dev.dobby.protocol;

import java.util.List;

/** One page of tasks, newest first, and how many match in all. */
public record TaskPage(List<Task> tasks, long total, int limit, int offset) {
    public TaskPage {
        tasks = List.copyOf(tasks);
    }
}
