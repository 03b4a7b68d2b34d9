package dev.dobby.slack;

import java.util.List;

/**
 * Tasks shown to the channel and waiting for a reaction.
 *
 * @param channel  where the preview was posted
 * @param ts       the preview message's timestamp: reactions on it confirm or cancel
 * @param threadTs the thread it lives in: replies there edit it, and news of its tasks goes there
 * @param user     who asked
 */
public record Preview(String channel, String ts, String threadTs, String user, List<TaskRequest> tasks) {
    public Preview {
        tasks = List.copyOf(tasks);
    }

    public Preview withTasks(List<TaskRequest> value) {
        return new Preview(channel, ts, threadTs, user, value);
    }

    /** Some task has no registered project yet. */
    public boolean missingProject() {
        return tasks.stream().anyMatch(t -> t.project() == null);
    }

    public boolean missingDescription() {
        return tasks.stream().anyMatch(t -> t.description().isBlank());
    }
}
