package dev.dobby.protocol;

/**
 * A change to a task (PATCH /tasks/{id}). Fields left null stay as they are. Setting {@code status} to
 * {@code pending} approves a draft; description, backend and timeout can change only before the task runs.
 */
public record TaskPatch(
        TaskStatus status,
        Priority priority,
        String description,
        Backend backend,
        Integer timeout) {

    public static TaskPatch approve() {
        return new TaskPatch(TaskStatus.PENDING, null, null, null, null);
    }

    public static TaskPatch priority(Priority priority) {
        return new TaskPatch(null, priority, null, null, null);
    }
}
