package dev.dobby.protocol;

import java.time.Instant;

/**
 * A single-use enrolment token for one spoke (POST /enrolments): it registers spoke {@code spokeId} once, before
 * {@code expiresAt}, and nothing else. The hub keeps only its hash.
 */
public record Enrolment(String token, String spokeId, Instant expiresAt) {
}
