package dev.dobby.slack;

import java.time.Instant;
import java.util.List;

/**
 * Tasks shown to the channel and waiting for a reaction.
 *
 * @param channel        where the preview was posted
 * @param ts             the preview message's timestamp: reactions on it confirm or cancel
 * @param threadTs       the thread it lives in: replies there edit it, and news of its tasks goes there
 * @param user           who asked
 * @param by             how the request was understood: an assistant's name or {@link Interpreter#RULES}
 * @param unknownProject a project name the request used that is not registered, or null
 * @param createdAt      when it was first posted (the hub's clock); null before that
 */
public record Preview(String channel, String ts, String threadTs, String user, List<TaskRequest> tasks, String by,
                      String unknownProject, Instant createdAt) {
    public Preview {
        tasks = List.copyOf(tasks);
    }

    public Preview(String channel, String ts, String threadTs, String user, List<TaskRequest> tasks) {
        this(channel, ts, threadTs, user, tasks, Interpreter.RULES, null, null);
    }

    public Preview understood(Interpreter.Understanding u) {
        return new Preview(channel, ts, threadTs, user, u.tasks(), u.by(), u.unknownProject(), createdAt);
    }

    public Preview at(String value) {
        return new Preview(channel, value, threadTs, user, tasks, by, unknownProject, createdAt);
    }

    /** Some task has no registered project yet. */
    public boolean missingProject() {
        return tasks.stream().anyMatch(t -> t.project() == null);
    }

    public boolean missingDescription() {
        return tasks.stream().anyMatch(t -> t.description().isBlank());
    }
}
