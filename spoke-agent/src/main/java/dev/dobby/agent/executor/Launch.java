package dev.dobby.agent.executor;

import dev.dobby.agent.supervisor.AttemptFolder;
import dev.dobby.protocol.work.Assignment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to start for one attempt.
 *
 * @param supervised  the supervisor's argv with the agent's argv after it (see {@code SupervisorScript})
 * @param workdir     the agent's working directory
 * @param environment the agent's whole environment (already scrubbed of the worker's secrets)
 */
public record Launch(Assignment assignment, AttemptFolder folder, List<String> supervised, Path workdir,
                     Map<String, String> environment) {
    public Launch {
        supervised = List.copyOf(supervised);
        environment = Map.copyOf(environment);
    }
}
