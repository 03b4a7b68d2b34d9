package dev.dobby.hub.store;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;

/** Editable task fields; null leaves a field unchanged. */
public record TaskFields(String description, Priority priority, Backend backend, Integer timeoutSeconds) {
}
