package dev.dobby.protocol;

import java.util.List;

/**
 * A request to queue a task (POST /tasks). Only {@code description} and {@code project} are required; the
 * project's policy fills in what is left out.
 *
 * @param timeout seconds; null means the project's or the hub's default
 * @param draft   true creates a draft that runs only once approved
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
        Boolean draft) {

    public static NewTask of(String description, String project) {
        return new NewTask(description, project, null, null, null, null, null, null, null, null);
    }

    public NewTask withBackend(Backend value) {
        return new NewTask(description, project, priority, value, timeout, dependsOn, targetSpoke, targetTags, worktree, draft);
    }

    public NewTask withPriority(Priority value) {
        return new NewTask(description, project, value, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, draft);
    }

    public NewTask withTimeout(Integer seconds) {
        return new NewTask(description, project, priority, backend, seconds, dependsOn, targetSpoke, targetTags, worktree, draft);
    }

    public NewTask withDependsOn(List<Long> parents) {
        return new NewTask(description, project, priority, backend, timeout, parents, targetSpoke, targetTags, worktree, draft);
    }

    public NewTask withDraft(boolean value) {
        return new NewTask(description, project, priority, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, value);
    }
}
