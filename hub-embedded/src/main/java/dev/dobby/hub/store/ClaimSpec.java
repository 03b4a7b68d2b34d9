package dev.dobby.hub.store;

import dev.dobby.protocol.Backend;
import java.time.Instant;
import java.util.List;

/**
 * Who is claiming and what they can take.
 *
 * @param token      the fencing token the new attempt will carry
 */
public record ClaimSpec(String worker, List<Backend> backends, List<String> tags, String token, Instant now,
                        Instant leaseUntil) {
}
