package dev.dobby.protocol;

import java.time.Instant;

/** GET /health: answers without a key, so it says nothing private. */
public record Health(String status, String version, Instant startedAt, double uptimeSeconds, String timeZone) {
}
