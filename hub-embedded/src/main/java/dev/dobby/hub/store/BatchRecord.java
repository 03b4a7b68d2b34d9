package dev.dobby.hub.store;

import java.time.Instant;

public record BatchRecord(long id, String name, Instant createdAt) {
}
