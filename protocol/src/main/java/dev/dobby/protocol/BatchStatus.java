package dev.dobby.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How far a batch has got.
 *
 * @param counts   number of the batch's tasks in each status
 * @param finished tasks that have ended, whatever the outcome
 * @param progress finished / total, between 0 and 1
 */
public record BatchStatus(long id, String name, Instant createdAt, int total, Map<TaskStatus, Integer> counts,
                          int finished, double progress, List<Task> tasks) {
    public BatchStatus {
        counts = Map.copyOf(counts);
        tasks = List.copyOf(tasks);
    }
}
