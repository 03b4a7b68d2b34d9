package dev.dobby.hub.store;

import dev.dobby.protocol.Backend;
import java.time.Instant;
import java.util.List;

/**
 * Who is claiming and what they can take.
 *
 * @param token            the fencing token the new attempt will carry
 * @param excludedProjects projects this worker cannot run (projects on spokes only, for the hub's local worker)
 */
public record ClaimSpec(String worker, List<Backend> backends, List<String> tags, String token, Instant now,
                        Instant leaseUntil, List<String> excludedProjects) {
    public ClaimSpec {
        excludedProjects = excludedProjects == null ? List.of() : List.copyOf(excludedProjects);
    }

    public ClaimSpec(String worker, List<Backend> backends, List<String> tags, String token, Instant now,
                     Instant leaseUntil) {
        this(worker, backends, tags, token, now, leaseUntil, List.of());
    }
}
