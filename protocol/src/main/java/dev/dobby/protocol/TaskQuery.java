package dev.dobby.protocol;

import java.time.Instant;
import java.util.List;

/**
 * A filter for GET /tasks. Empty or null fields do not filter.
 *
 * @param text          case-insensitive substring of the description
 * @param since         tasks created at or after this instant
 * @param finishedFrom  tasks that ended at or after this instant
 * @param finishedTo    tasks that ended before this instant
 */
public record TaskQuery(List<TaskStatus> statuses, String project, Instant since, String text, Long batchId,
                        int limit, int offset, Instant finishedFrom, Instant finishedTo) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public TaskQuery {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    /** A filter on anything but the end time. */
    public TaskQuery(List<TaskStatus> statuses, String project, Instant since, String text, Long batchId, int limit,
                     int offset) {
        this(statuses, project, since, text, batchId, limit, offset, null, null);
    }

    public static TaskQuery all() {
        return new TaskQuery(List.of(), null, null, null, null, DEFAULT_LIMIT, 0);
    }

    public TaskQuery withStatuses(List<TaskStatus> value) {
        return new TaskQuery(value, project, since, text, batchId, limit, offset, finishedFrom, finishedTo);
    }

    public TaskQuery withProject(String value) {
        return new TaskQuery(statuses, value, since, text, batchId, limit, offset, finishedFrom, finishedTo);
    }

    public TaskQuery withText(String value) {
        return new TaskQuery(statuses, project, since, value, batchId, limit, offset, finishedFrom, finishedTo);
    }

    public TaskQuery withSince(Instant value) {
        return new TaskQuery(statuses, project, value, text, batchId, limit, offset, finishedFrom, finishedTo);
    }

    public TaskQuery withBatch(Long value) {
        return new TaskQuery(statuses, project, since, text, value, limit, offset, finishedFrom, finishedTo);
    }

    public TaskQuery withPage(int newLimit, int newOffset) {
        return new TaskQuery(statuses, project, since, text, batchId, newLimit, newOffset, finishedFrom, finishedTo);
    }

    /** Only tasks that ended in [{@code from}, {@code to}); either end may be null for open. */
    public TaskQuery withFinished(Instant from, Instant to) {
        return new TaskQuery(statuses, project, since, text, batchId, limit, offset, from, to);
    }
}
