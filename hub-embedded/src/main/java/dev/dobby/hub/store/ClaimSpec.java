package dev.dobby.hub.store;

import dev.dobby.protocol.Backend;
import java.time.Instant;
import java.util.List;

/**
 * Who is claiming and what they can take.
 *
 * @param token            the fencing token the new attempt will carry
 * @param excludedProjects projects this worker cannot run (projects on spokes only, for the hub's local worker)
 * @param excludedTasks    tasks this worker cannot run now (GPU tasks it has no free GPUs for)
 */
public record ClaimSpec(String worker, List<Backend> backends, List<String> tags, String token, Instant now,
                        Instant leaseUntil, List<String> excludedProjects, List<Long> excludedTasks) {
    public ClaimSpec {
        excludedProjects = excludedProjects == null ? List.of() : List.copyOf(excludedProjects);
        excludedTasks = excludedTasks == null ? List.of() : List.copyOf(excludedTasks);
    }

    public ClaimSpec(String worker, List<Backend> backends, List<String> tags, String token, Instant now,
                     Instant leaseUntil, List<String> excludedProjects) {
        this(worker, backends, tags, token, now, leaseUntil, excludedProjects, List.of());
    }

    public ClaimSpec(String worker, List<Backend> backends, List<String> tags, String token, Instant now,
                     Instant leaseUntil) {
        this(worker, backends, tags, token, now, leaseUntil, List.of());
    }
}
