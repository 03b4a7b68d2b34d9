package dev.dobby.protocol;

import java.time.Instant;

/** A registered repository that tasks run in. */
public record Project(String name, String path, String context, ProjectPolicy policy, Instant createdAt) {
    public Project {
        policy = policy == null ? ProjectPolicy.DEFAULT : policy;
    }
}
