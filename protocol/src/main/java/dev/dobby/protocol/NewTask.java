package dev.dobby.protocol;

import java.util.List;

/**
 * A request to queue a task (POST /tasks). Only {@code description} and {@code project} are required; the
 * project's policy fills in what is left out.
 *
 * @param timeout seconds; null means the project's or the hub's default
 * @param draft   true creates a draft that runs only once approved
 * @param agent   how to run the agent (model, permissions, ...); null for its defaults
 */
public record NewTask(
        String description,
        String project,
        Priority priority,
        Backend backend,
        Integer timeout,
        List<Long> dependsOn,
        String targetSpoke,
        List<String> targetTags,
        Boolean worktree,
        Boolean draft,
        AgentOptions agent) {

    public static NewTask of(String description, String project) {
        return new NewTask(description, project, null, null, null, null, null, null, null, null, null);
    }

    public NewTask withBackend(Backend value) {
        return new NewTask(description, project, priority, value, timeout, dependsOn, targetSpoke, targetTags, worktree, draft, agent);
    }

    public NewTask withPriority(Priority value) {
        return new NewTask(description, project, value, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, draft, agent);
    }

    public NewTask withTimeout(Integer seconds) {
        return new NewTask(description, project, priority, backend, seconds, dependsOn, targetSpoke, targetTags, worktree, draft, agent);
    }

    public NewTask withDependsOn(List<Long> parents) {
        return new NewTask(description, project, priority, backend, timeout, parents, targetSpoke, targetTags, worktree, draft, agent);
    }

    public NewTask withDraft(boolean value) {
        return new NewTask(description, project, priority, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, value, agent);
    }

    public NewTask withTarget(String spoke, List<String> tags) {
        return new NewTask(description, project, priority, backend, timeout, dependsOn, spoke, tags, worktree, draft, agent);
    }

    public NewTask withWorktree(boolean value) {
        return new NewTask(description, project, priority, backend, timeout, dependsOn, targetSpoke, targetTags, value, draft, agent);
    }

    public NewTask withAgent(AgentOptions value) {
        return new NewTask(description, project, priority, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, draft, value);
    }
}
