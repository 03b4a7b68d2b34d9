package dev.dobby.agent.runner;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.work.Assignment;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Starts agents for assignments. Shared by remote spokes and the hub's local worker, so both run agents the
 * same way: argv (never a shell string), stdin closed, the project directory as working directory, a process
 * group of its own, output redacted line by line.
 */
public final class AgentRunner {
    private final Map<Backend, AgentBackend> backends = new EnumMap<>(Backend.class);
    private final String workerId;
    private final Redactor redactor;
    private final Duration killGrace;
    private final Path artifactsRoot;
    private final Clock clock;

    /**
     * @param artifactsRoot where each task gets a folder ({@code DOBBY_ARTIFACTS_DIR}) for files it wants kept;
     *                      null on workers that do not share the hub's disk
     */
    public AgentRunner(String workerId, Collection<AgentBackend> backends, Redactor redactor, Duration killGrace,
                       Path artifactsRoot, Clock clock) {
        backends.forEach(b -> this.backends.put(b.kind(), b));
        this.workerId = workerId;
        this.redactor = redactor;
        this.killGrace = killGrace;
        this.artifactsRoot = artifactsRoot;
        this.clock = clock;
    }

    /** The backends this worker can actually run. */
    public List<Backend> availableBackends() {
        return backends.values().stream().filter(AgentBackend::available).map(AgentBackend::kind).toList();
    }

    /**
     * Start the agent. Never throws for a task that cannot run: {@code listener.exited} reports a failed outcome
     * with the reason instead.
     */
    public RunningAgent start(Assignment assignment, RunListener listener) {
        AgentBackend backend = backends.get(assignment.backend());
        if (backend == null || !backend.available()) {
            return RunningAgent.refused(listener, assignment.backend().wire() + " not found on worker " + workerId);
        }
        File workdir = new File(assignment.workdir() == null ? "" : assignment.workdir());
        if (!workdir.isAbsolute() || !workdir.isDirectory()) {
            return RunningAgent.refused(listener, "project directory " + assignment.workdir()
                    + " does not exist on worker " + workerId);
        }
        ProcessBuilder builder = new ProcessBuilder(ProcessGroups.wrap(backend.command(assignment)))
                .directory(workdir)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("DOBBY_TASK_ID", Long.toString(assignment.taskId()));
        env.put("DOBBY_ATTEMPT", Integer.toString(assignment.attemptNumber()));
        env.put("DOBBY_PROJECT", assignment.project());
        if (artifactsRoot != null) {
            Path dir = artifactsRoot.resolve(Long.toString(assignment.taskId()));
            try {
                Files.createDirectories(dir);
                env.put("DOBBY_ARTIFACTS_DIR", dir.toString());
            } catch (java.io.IOException e) {
                return RunningAgent.refused(listener, "cannot create artifacts directory " + dir + ": " + e.getMessage());
            }
        }
        return RunningAgent.launch(builder, assignment, backend.newParser(), redactor, killGrace, clock, listener);
    }
}
