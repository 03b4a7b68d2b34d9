package dev.dobby.agent.runner;

import dev.dobby.agent.executor.Execution;
import dev.dobby.agent.executor.Executor;
import dev.dobby.agent.executor.Launch;
import dev.dobby.agent.executor.LocalExecutor;
import dev.dobby.agent.runner.git.WorktreeException;
import dev.dobby.agent.runner.git.WorktreeManager;
import dev.dobby.agent.supervisor.AttemptFolder;
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
 * same way: argv (never a shell string), stdin closed, the project directory (or the attempt's own git worktree)
 * as working directory, a process group of its own, output redacted line by line.
 */
public final class AgentRunner {
    private final Map<Backend, AgentBackend> backends = new EnumMap<>(Backend.class);
    private final String workerId;
    private final Redactor redactor;
    private final Duration killGrace;
    private final Path artifactsRoot;
    private final WorktreeManager worktrees;
    private final AttemptFolders attempts;
    private final Clock clock;
    private final Executor executor;

    /**
     * @param artifactsRoot where each task gets a folder ({@code DOBBY_ARTIFACTS_DIR}) for files it wants kept;
     *                      null on workers that do not share the hub's disk
     * @param worktrees     makes and cleans the worktrees of attempts that ask for one
     * @param attemptsRoot  where each attempt gets a folder for its supervisor, output and outcome
     */
    public AgentRunner(String workerId, Collection<AgentBackend> backends, Redactor redactor, Duration killGrace,
                       Path artifactsRoot, WorktreeManager worktrees, Path attemptsRoot, Clock clock) {
        this(workerId, backends, redactor, killGrace, artifactsRoot, worktrees, attemptsRoot, clock,
                new LocalExecutor());
    }

    /** @param executor where supervisors run: children of this worker, or jobs on a cluster */
    public AgentRunner(String workerId, Collection<AgentBackend> backends, Redactor redactor, Duration killGrace,
                       Path artifactsRoot, WorktreeManager worktrees, Path attemptsRoot, Clock clock,
                       Executor executor) {
        backends.forEach(b -> this.backends.put(b.kind(), b));
        this.workerId = workerId;
        this.redactor = redactor;
        this.killGrace = killGrace;
        this.artifactsRoot = artifactsRoot;
        this.worktrees = worktrees;
        this.executor = executor;
        this.attempts = new AttemptFolders(attemptsRoot, clock, executor);
        this.clock = clock;
    }

    private volatile String hubUrl;

    /** The hub's address, given to agents as DOBBY_URL (for {@code dobby track}). */
    public void hubUrl(String url) {
        this.hubUrl = url;
    }

    /** The backends this worker can actually run. */
    public List<Backend> availableBackends() {
        return backends.values().stream().filter(AgentBackend::available).map(AgentBackend::kind).toList();
    }

    public WorktreeManager worktrees() {
        return worktrees;
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
        String refusal = backend.refusal(assignment);
        if (refusal != null) {
            return RunningAgent.refused(listener, refusal + " (worker " + workerId + ")");
        }
        File project = new File(assignment.workdir() == null ? "" : assignment.workdir());
        if (!project.isAbsolute() || !project.isDirectory()) {
            return RunningAgent.refused(listener, "project directory " + assignment.workdir()
                    + " does not exist on worker " + workerId);
        }
        Map<String, String> extraEnv = new java.util.HashMap<>(backend.environment(assignment));
        extraEnv.put("DOBBY_TASK_ID", Long.toString(assignment.taskId()));
        extraEnv.put("DOBBY_ATTEMPT", Integer.toString(assignment.attemptNumber()));
        extraEnv.put("DOBBY_PROJECT", assignment.project());
        if (hubUrl != null) {
            extraEnv.put("DOBBY_URL", hubUrl);
        }
        if (assignment.gpus() > 0) {
            String visible = assignment.gpuIndices().stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(","));
            extraEnv.put("CUDA_VISIBLE_DEVICES", visible);
            extraEnv.put("NVIDIA_VISIBLE_DEVICES", visible);
        }
        if (artifactsRoot != null) {
            Path dir = artifactsRoot.resolve(Long.toString(assignment.taskId()));
            try {
                Files.createDirectories(dir);
                extraEnv.put("DOBBY_ARTIFACTS_DIR", dir.toString());
            } catch (java.io.IOException e) {
                return RunningAgent.refused(listener, "cannot create artifacts directory " + dir + ": "
                        + e.getMessage());
            }
        }

        Thread.ofVirtual().name("dobby-worktree-cleanup").start(worktrees::removeExpired);
        WorktreeManager.Lease lease = null;
        if (assignment.worktree()) {
            try {
                lease = worktrees.acquire(assignment, project.toPath()).orElse(null);
            } catch (WorktreeException e) {
                return RunningAgent.refused(listener, e.getMessage() + " (worker " + workerId + ")");
            }
            if (lease != null) {
                extraEnv.put("DOBBY_WORKTREE", lease.path().toString());
                extraEnv.put("DOBBY_BRANCH", lease.branch());
            }
        }
        Path workdir = lease == null ? project.toPath() : lease.workdir();
        AttemptFolder folder;
        try {
            folder = attempts.create(assignment, describe(assignment, workdir, lease));
        } catch (RuntimeException e) {
            if (lease != null) {
                lease.close();
            }
            return RunningAgent.refused(listener, "cannot prepare the attempt's folder on worker " + workerId + ": "
                    + e.getMessage());
        }
        List<String> supervised = attempts.supervisor().command(folder, killGrace,
                Duration.ofSeconds(Math.max(0, assignment.timeoutSeconds())), backend.command(assignment, workdir));
        Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        AgentEnvironment.scrub(environment);
        environment.putAll(extraEnv);
        Execution execution;
        try {
            execution = executor.launch(new Launch(assignment, folder, supervised, workdir, environment));
        } catch (Executor.Refused e) {
            if (lease != null) {
                lease.close();
            }
            folder.markCollected();
            return RunningAgent.refused(listener, e.getMessage());
        }
        return RunningAgent.follow(executor, execution, assignment, backend.newParser(assignment, workdir), redactor,
                clock, lease, folder, listener);
    }

    private AttemptDescription describe(Assignment assignment, Path workdir, WorktreeManager.Lease lease) {
        AttemptDescription.Worktree worktree = lease == null ? null : new AttemptDescription.Worktree(
                lease.repo().toString(), lease.path().toString(), lease.workdir().toString(), lease.branch(),
                lease.baseCommit());
        return new AttemptDescription(assignment, workdir.toString(), worktree, clock.instant());
    }

    /**
     * The attempts a previous run of this worker left that can still be reported: their agents run on under
     * their supervisors, or ended while nobody was listening. Attempts whose supervisor vanished, or that were
     * abandoned, are cleaned up here (what is left of their agents is killed) and not returned.
     */
    public List<AttemptFolders.Survivor> survivors() {
        return attempts.survivors();
    }

    /** Take up a surviving attempt: follow its agent (or collect its outcome) and report to {@code listener}. */
    public RunningAgent reattach(AttemptFolders.Survivor survivor, RunListener listener) {
        AttemptDescription description = survivor.description();
        Assignment assignment = description.assignment();
        AgentBackend backend = backends.get(assignment.backend());
        Path workdir = Path.of(description.workdir());
        OutputParser parser = backend == null ? new TailParser() : backend.newParser(assignment, workdir);
        WorktreeManager.Lease lease = null;
        if (description.worktree() != null) {
            AttemptDescription.Worktree w = description.worktree();
            lease = worktrees.reopen(assignment, Path.of(w.repo()), Path.of(w.dir()), Path.of(w.workdir()),
                    w.branch(), w.baseCommit());
        }
        return RunningAgent.reattach(executor, assignment, parser, redactor, clock, lease, survivor.folder(),
                survivor.execution().orElse(null), description.startedAt(), survivor.folder().shipped(), listener);
    }
}
