package dev.dobby.hub.store;

import dev.dobby.protocol.Task;

/** A task just claimed, already in {@code running}, and the attempt created for it. */
public record Claimed(Task task, AttemptRecord attempt) {
}
