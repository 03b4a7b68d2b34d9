package dev.dobby.protocol;

import java.time.Instant;

/**
 * A registered repository that tasks run in.
 *
 * @param remote its checkout lives on spokes only: the hub's machine need not have {@code path}, and the hub's
 *               local worker never runs its tasks
 */
public record Project(String name, String path, String context, ProjectPolicy policy, Instant createdAt,
                      boolean remote) {
    public Project {
        policy = policy == null ? ProjectPolicy.DEFAULT : policy;
    }

    public Project(String name, String path, String context, ProjectPolicy policy, Instant createdAt) {
        this(name, path, context, policy, createdAt, false);
    }
}
