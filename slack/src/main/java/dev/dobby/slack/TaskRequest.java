package dev.dobby.slack;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;
import java.util.List;

/**
 * One task as read from a Slack message, before anyone confirmed it.
 *
 * @param project  a registered project, or null when the message named none the bot knows
 * @param priority null for the project's default
 * @param backend  null for the project's default
 * @param draft    queue it as a draft that waits for approval ("just plan it")
 * @param after    ids of tasks it waits for ("after #12")
 * @param cron     a schedule in cron form ("every night at 3" → {@code 0 3 * * *}); null for a one-off task
 * @param every    a schedule as an interval ({@code 30m}, {@code 2h}); null for none
 * @param worker   the worker (spoke) it must run on; null for any
 * @param tags     tags a worker must have to run it
 */
public record TaskRequest(String description, String project, Priority priority, Backend backend, boolean draft,
                          List<Long> after, String cron, String every, String worker, List<String> tags) {

    public TaskRequest {
        after = after == null ? List.of() : List.copyOf(after);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public TaskRequest(String description, String project, Priority priority, Backend backend) {
        this(description, project, priority, backend, false, List.of(), null, null, null, List.of());
    }

    public TaskRequest withProject(String value) {
        return new TaskRequest(description, value, priority, backend, draft, after, cron, every, worker, tags);
    }

    public TaskRequest withPriority(Priority value) {
        return new TaskRequest(description, project, value, backend, draft, after, cron, every, worker, tags);
    }

    public TaskRequest withBackend(Backend value) {
        return new TaskRequest(description, project, priority, value, draft, after, cron, every, worker, tags);
    }

    public TaskRequest withDescription(String value) {
        return new TaskRequest(value, project, priority, backend, draft, after, cron, every, worker, tags);
    }

    public boolean scheduled() {
        return cron != null || every != null;
    }

    /**
     * This task with what {@code change} sets on top: a reply in the preview's thread. Its description replaces
     * this one only when {@code newText}.
     */
    public TaskRequest overlay(TaskRequest change, boolean newText) {
        return new TaskRequest(newText ? change.description : description,
                change.project != null ? change.project : project,
                change.priority != null ? change.priority : priority,
                change.backend != null ? change.backend : backend,
                draft || change.draft,
                change.after.isEmpty() ? after : change.after,
                change.scheduled() ? change.cron : cron,
                change.scheduled() ? change.every : every,
                change.worker != null ? change.worker : worker,
                change.tags.isEmpty() ? tags : change.tags);
    }
}
