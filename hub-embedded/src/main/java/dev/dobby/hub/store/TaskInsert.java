package dev.dobby.hub.store;

import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.TaskStatus;
import java.time.Instant;
import java.util.List;

/** A new task row, every default already applied. */
public record TaskInsert(
        String description,
        String project,
        Backend backend,
        Priority priority,
        TaskStatus status,
        String statusReason,
        int timeoutSeconds,
        Long batchId,
        String targetSpoke,
        List<String> targetTags,
        boolean worktree,
        AgentOptions agent,
        Long planFor,
        Instant createdAt) {
}
