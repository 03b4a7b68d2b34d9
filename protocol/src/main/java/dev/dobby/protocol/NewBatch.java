package dev.dobby.protocol;

import java.util.List;

/**
 * Several tasks queued together, all or nothing (POST /batches).
 *
 * @param name a label for people; optional
 */
public record NewBatch(String name, List<Entry> tasks) {
    public NewBatch {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /**
     * One task of a batch.
     *
     * @param ref   a name other entries of the same batch can list in {@code after}
     * @param after refs of entries in this batch, or ids of existing tasks, that must complete first
     */
    public record Entry(
            String ref,
            String description,
            String project,
            Priority priority,
            Backend backend,
            Integer timeout,
            List<String> after,
            String targetSpoke,
            List<String> targetTags,
            Boolean worktree) {

        public Entry {
            after = after == null ? List.of() : List.copyOf(after);
        }

        public static Entry of(String ref, String description, String project, String... after) {
            return new Entry(ref, description, project, null, null, null, List.of(after), null, null, null);
        }
    }
}
