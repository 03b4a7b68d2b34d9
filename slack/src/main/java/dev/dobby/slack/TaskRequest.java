package dev.dobby.slack;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;

/**
 * One task as read from a Slack message, before anyone confirmed it.
 *
 * @param project  a registered project, or null when the message named none the bot knows
 * @param priority null for the project's default
 * @param backend  null for the project's default
 */
public record TaskRequest(String description, String project, Priority priority, Backend backend) {

    public TaskRequest withProject(String value) {
        return new TaskRequest(description, value, priority, backend);
    }

    public TaskRequest withPriority(Priority value) {
        return new TaskRequest(description, project, value, backend);
    }

    public TaskRequest withBackend(Backend value) {
        return new TaskRequest(description, project, priority, value);
    }

    public TaskRequest withDescription(String value) {
        return new TaskRequest(value, project, priority, backend);
    }
}
