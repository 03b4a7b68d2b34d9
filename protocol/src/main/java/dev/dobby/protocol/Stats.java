package dev.dobby.protocol;

import java.util.Map;

/**
 * Totals over the whole history.
 *
 * @param byStatus          number of tasks in each status
 * @param byProject         per project, number of tasks in each status
 * @param avgDurationSeconds mean run time of finished attempts, null before the first
 */
public record Stats(
        long tasks,
        Map<TaskStatus, Long> byStatus,
        Map<String, Map<TaskStatus, Long>> byProject,
        long tokensIn,
        long tokensOut,
        double costUsd,
        Double avgDurationSeconds) {

    public Stats {
        byStatus = Map.copyOf(byStatus);
        byProject = Map.copyOf(byProject);
    }
}
