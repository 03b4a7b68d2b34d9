package dev.dobby.hub.core;

import dev.dobby.hub.store.AttemptRecord;
import dev.dobby.hub.store.SpokeRecord;
import dev.dobby.hub.store.Store;
import dev.dobby.hub.store.WriteTx;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.UsageWindow;
import dev.dobby.protocol.event.TaskProgress;
import dev.dobby.protocol.event.SpokeChanged;
import dev.dobby.protocol.event.TaskLog;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.AttemptRef;
import dev.dobby.protocol.work.Heartbeat;
import dev.dobby.protocol.work.HeartbeatReply;
import dev.dobby.protocol.work.LogAck;
import dev.dobby.protocol.work.LogChunk;
import dev.dobby.protocol.work.Outcome;
import dev.dobby.protocol.work.WorkerHello;
import dev.dobby.protocol.work.WorkerSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The hub's side of the worker protocol ({@link dev.dobby.protocol.work.WorkApi}): registration, polling,
 * heartbeats and leases, log chunks and finish reports, all fenced by the attempt token.
 */
public final class WorkService {
    private static final Set<TaskStatus> REPORTABLE =
            EnumSet.of(TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.TIMED_OUT, TaskStatus.STALE, TaskStatus.CANCELLED);
    private static final int MAX_LINES_PER_CHUNK = 5_000;
    private static final int MAX_LINE_CHARS = 64 * 1024;
    private static final int MAX_SUMMARY_CHARS = 64 * 1024;
    private static final int MAX_STEP_DETAIL = 8 * 1024;
    /** Below the usual 30 s idle timeout of proxies and of the hub's own HTTP server. */
    static final int POLL_WAIT_SECONDS = 25;
    static final Duration MAX_POLL_WAIT = Duration.ofSeconds(60);
    private static final int MAX_RUNNING_IN_HEARTBEAT = 1_000;

    private final Store store;
    private final WorkerRegistry workers;
    private final Dispatcher dispatcher;
    private final ArtifactStore artifacts;
    private final AttemptEnding ending;
    private final Clock clock;
    private final Duration lease;
    private final Duration heartbeat;
    private final StoredOutputCap outputCap;
    private final List<Consumer<AttemptRecord>> stopListeners = new CopyOnWriteArrayList<>();

    public WorkService(Store store, WorkerRegistry workers, Dispatcher dispatcher, ArtifactStore artifacts,
                       Clock clock, Duration lease, Duration heartbeat, int maxLogLinesPerAttempt) {
        this.store = store;
        this.workers = workers;
        this.dispatcher = dispatcher;
        this.artifacts = artifacts;
        this.ending = new AttemptEnding(artifacts);
        this.clock = clock;
        this.lease = lease;
        this.heartbeat = heartbeat;
        this.outputCap = new StoredOutputCap(maxLogLinesPerAttempt);
    }

    AttemptEnding ending() {
        return ending;
    }

    /** Be told when the hub ends a running attempt itself, so an in-process worker can stop it at once. */
    public void onAttemptStopped(Consumer<AttemptRecord> listener) {
        stopListeners.add(listener);
    }

    void attemptStopped(AttemptRecord attempt) {
        stopListeners.forEach(listener -> listener.accept(attempt));
    }

    // ---- registration

    /**
     * Enrol a remote spoke: a fresh credential, of which the hub keeps only the hash. Registering an id again
     * replaces the old credential (the same machine restarted, or re-enrolled).
     */
    public WorkerSession registerSpoke(WorkerHello hello, String localWorkerId) {
        if (hello == null || hello.capabilities() == null) {
            throw ApiException.badRequest("a registration needs id and capabilities");
        }
        Validate.name(hello.id(), "id");
        if (hello.id().equals(localWorkerId)
                || workers.get(hello.id()).map(SpokeRecord::local).orElse(false)) {
            throw ApiException.conflict("'" + hello.id() + "' is the hub's own worker; choose another spoke id");
        }
        checkCapabilities(hello.capabilities());
        String credential = Tokens.random();
        WorkerSession session = register(hello, false, Tokens.sha256(credential));
        return new WorkerSession(session.workerId(), credential, session.heartbeatSeconds(), session.leaseSeconds(),
                session.pollWaitSeconds());
    }

    private static void checkCapabilities(Spoke.Capabilities caps) {
        Validate.names(caps.tags(), "capabilities.tags");
        if (caps.maxConcurrent() < 1 || caps.maxConcurrent() > 1_000) {
            throw ApiException.badRequest("capabilities.max_concurrent must be between 1 and 1000");
        }
        if (caps.gpus().size() > 64 || caps.projects().size() > 1_000) {
            throw ApiException.badRequest("capabilities list too many GPUs or projects");
        }
        caps.projects().forEach((name, path) -> {
            Validate.name(name, "capabilities.projects");
            if (path == null || path.isBlank() || path.length() > 4096 || !path.startsWith("/")) {
                throw ApiException.badRequest("capabilities.projects." + name + " must be an absolute path");
            }
        });
    }

    /**
     * Whether {@code credential} is spoke {@code spokeId}'s; hashes are compared in constant time. The hub's local
     * worker has no credential and never matches, nor does a spoke that has deregistered.
     */
    public boolean authenticate(String spokeId, String credential) {
        String expected = workers.get(spokeId).filter(s -> s.state() != Spoke.State.STOPPED)
                .map(SpokeRecord::tokenHash).orElse(null);
        String presented = credential == null ? null : Tokens.sha256(credential);
        return Tokens.matches(expected, presented);
    }

    /**
     * Whether {@code credential} is the last one spoke {@code spokeId} was issued, even if it has deregistered since:
     * such a spoke may register again with it (a restarted server whose enrolment token was single-use).
     */
    public boolean issuedLast(String spokeId, String credential) {
        String expected = workers.get(spokeId).filter(s -> !s.local()).map(SpokeRecord::tokenHash).orElse(null);
        return credential != null && Tokens.matches(expected, Tokens.sha256(credential));
    }

    /** How long a spoke's poll waits unless it asks otherwise. */
    public static Duration defaultPollWait() {
        return Duration.ofSeconds(POLL_WAIT_SECONDS);
    }

    /** The worker that holds (or held) an attempt. */
    public Optional<String> attemptWorker(long attemptId) {
        return store.read(tx -> tx.attempt(attemptId)).map(AttemptRecord::worker);
    }

    public WorkerSession register(WorkerHello hello, boolean local, String tokenHash) {
        Instant now = clock.instant();
        SpokeRecord record = new SpokeRecord(hello.id(), tokenHash, local, Spoke.State.ONLINE, hello.capabilities(),
                now, now);
        store.write(tx -> {
            SpokeRecord previous = tx.spoke(hello.id()).orElse(null);
            SpokeRecord stored = previous == null ? record : new SpokeRecord(record.id(), record.tokenHash(),
                    local, Spoke.State.ONLINE, hello.capabilities(), previous.registeredAt(), now);
            tx.upsertSpoke(stored);
            workers.put(stored);
            tx.record(new SpokeChanged(0, now, view(tx, stored)));
            return null;
        });
        dispatcher.wake();
        return new WorkerSession(hello.id(), null, seconds(heartbeat), seconds(lease), POLL_WAIT_SECONDS);
    }

    private static int seconds(Duration value) {
        return (int) Math.max(1, value.toSeconds());
    }

    /**
     * A worker is going away. It goes offline (stopped), and attempts it still holds go back to the queue now,
     * as a lost worker's would after its lease (so they count against the task's retries).
     */
    public void deregister(String workerId) {
        Instant now = clock.instant();
        boolean requeued = store.write(tx -> {
            SpokeRecord stopped = workers.setState(workerId, Spoke.State.STOPPED);
            if (stopped == null) {
                throw ApiException.notFound("worker " + workerId + " is not registered");
            }
            boolean any = false;
            for (AttemptRecord attempt : tx.runningAttempts()) {
                if (!attempt.worker().equals(workerId)) {
                    continue;
                }
                Task task = tx.task(attempt.taskId()).orElseThrow();
                if (task.status() == TaskStatus.RUNNING) {
                    ending.endAsLost(tx, task, attempt, "worker " + workerId + " stopped while it ran", now);
                } else {
                    tx.endAttempt(attempt.id(), AttemptRecord.State.LOST, null, now);
                }
                any = true;
            }
            tx.upsertSpoke(stopped);
            tx.record(new SpokeChanged(0, now, view(tx, stopped)));
            return any;
        });
        if (requeued) {
            dispatcher.wake();
        }
    }

    static Spoke view(dev.dobby.hub.store.ReadTx tx, SpokeRecord worker) {
        List<Long> running = tx.runningAttempts().stream()
                .filter(a -> a.worker().equals(worker.id()))
                .map(AttemptRecord::taskId)
                .toList();
        return new Spoke(worker.id(), worker.state(), worker.local(), worker.capabilities(), worker.registeredAt(),
                worker.lastHeartbeat(), running);
    }

    // ---- polling

    /**
     * Wait for a task the worker may run. A worker that is not online (draining, or marked lost and not yet heard
     * from again) waits too but is given nothing, so it does not spin.
     */
    public CompletableFuture<Optional<Assignment>> pollAsync(String workerId, Duration wait) {
        SpokeRecord worker = workers.get(workerId)
                .orElseThrow(() -> ApiException.notFound("worker " + workerId + " is not registered"));
        if (wait.isNegative() || wait.compareTo(MAX_POLL_WAIT) > 0) {
            throw ApiException.badRequest("a poll waits between 0 and " + MAX_POLL_WAIT.toSeconds() + " s");
        }
        Instant now = clock.instant();
        if (worker.state() == Spoke.State.LOST) {
            // Back from a partition: its poll says it is alive, an idle worker may not heartbeat for a while.
            store.write(tx -> {
                workers.setState(workerId, Spoke.State.ONLINE);
                SpokeRecord back = workers.touch(workerId, now);
                tx.upsertSpoke(back);
                tx.record(new SpokeChanged(0, now, view(tx, back)));
                return null;
            });
        } else {
            workers.touch(workerId, now);
        }
        return dispatcher.poll(workerId, wait);
    }

    public Optional<Assignment> poll(String workerId, Duration wait) {
        try {
            return pollAsync(workerId, wait).get(wait.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    // ---- attempts

    public void started(AttemptRef ref, long pid, Instant processStart) {
        store.write(tx -> {
            AttemptRecord attempt = requireCurrent(tx, ref);
            tx.recordProcess(attempt.id(), pid, processStart);
            return null;
        });
    }

    /** A batch scheduler's placement of the attempt (a Slurm job): kept for the task's detail status. */
    public void placed(AttemptRef ref, dev.dobby.protocol.work.Placement placement) {
        if (placement == null || placement.executor() == null || placement.jobId() == null
                || placement.executor().isBlank() || placement.jobId().isBlank()) {
            throw ApiException.badRequest("placement needs executor and job_id");
        }
        if (Json.write(placement).length() > 4_000) {
            throw ApiException.badRequest("placement is too long");
        }
        store.write(tx -> {
            // Taken for an attempt that has ended too: a job's last state (COMPLETED, CANCELLED) often comes after
            // the attempt's result, and it changes nothing but what the task's detail shows.
            AttemptRecord attempt = tx.attempt(ref.attemptId())
                    .orElseThrow(() -> ApiException.notFound("unknown attempt " + ref.attemptId()));
            if (!Tokens.matches(attempt.token(), ref.token())) {
                throw ApiException.conflict("attempt " + ref.attemptId() + " does not belong to this caller");
            }
            tx.recordPlacement(attempt.id(), Json.write(placement));
            return null;
        });
    }

    public LogAck appendLog(AttemptRef ref, LogChunk chunk) {
        if (chunk.number() < 1) {
            throw ApiException.badRequest("log chunks are numbered from 1");
        }
        if (chunk.lines().size() > MAX_LINES_PER_CHUNK) {
            throw ApiException.badRequest("a log chunk holds at most " + MAX_LINES_PER_CHUNK + " lines");
        }
        return store.write(tx -> {
            AttemptRecord attempt = requireCurrent(tx, ref);
            long expected = attempt.logChunks() + 1;
            if (chunk.number() != expected) {
                // A repeat is dropped; a chunk from the future waits until the ones before it arrive.
                return new LogAck(expected);
            }
            List<dev.dobby.protocol.work.OutputLine> lines = chunk.lines().stream()
                    .map(l -> new dev.dobby.protocol.work.OutputLine(stream(l.stream()),
                            l.at() == null ? clock.instant() : l.at(), clip(l.text(), MAX_LINE_CHARS)))
                    .toList();
            // Past the cap the chunk is still applied (numbering, steps, progress); only its lines are dropped.
            List<LogLine> stored = tx.appendLogs(attempt.taskId(), attempt.number(),
                    outputCap.admit(attempt.logLines(), lines, clock.instant()));
            tx.logChunkApplied(attempt.id(), chunk.number(), stored.size());
            if (!lines.isEmpty()) {
                // Output past the cap still shows the agent is alive: the stale detector must not stop it.
                tx.noteOutput(attempt.id(), clock.instant());
            }
            if (!stored.isEmpty()) {
                LogLine last = stored.getLast();
                tx.publishAfterCommit(new TaskLog(last.seq(), last.at(), attempt.taskId(), stored));
            }
            recordParsed(tx, attempt, chunk);
            return new LogAck(chunk.number() + 1);
        });
    }

    /** Steps, progress and usage the worker's parser found: stored, and announced as one progress event. */
    private void recordParsed(WriteTx tx, AttemptRecord attempt, LogChunk chunk) {
        if (chunk.steps().isEmpty() && chunk.progress() == null && chunk.usage().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<FlowStep> steps = chunk.steps().stream()
                .map(s -> new FlowStep(attempt.taskId(), attempt.number(), s.index(), s.kind(),
                        s.at() == null ? now : s.at(), clip(s.title(), 500), clip(s.detail(), MAX_STEP_DETAIL),
                        s.durationMs(), s.tool(), s.file(), s.tokensIn(), s.tokensOut(), s.error()))
                .toList();
        tx.upsertFlowSteps(attempt.taskId(), attempt.number(), steps);
        if (chunk.progress() != null) {
            tx.setProgress(attempt.id(), Json.write(chunk.progress()));
        }
        // The hub names accounts by worker and backend: a worker's login is what its agents report about.
        tx.upsertUsage(chunk.usage().stream()
                .filter(u -> u.backend() != null)
                .map(u -> new UsageWindow(UsageLimits.account(attempt.worker(), u.backend()), u.backend(), u.window(),
                        u.utilization(), u.status(), u.resetsAt(), u.reportedAt() == null ? now : u.reportedAt()))
                .toList());
        if (!steps.isEmpty() || chunk.progress() != null) {
            tx.record(new TaskProgress(0, now, attempt.taskId(), attempt.number(), chunk.progress(), steps));
        }
    }

    private static String stream(String value) {
        return "stderr".equals(value) ? "stderr" : "stdout";
    }

    public HeartbeatReply heartbeat(Heartbeat beat) {
        if (beat.running().size() > MAX_RUNNING_IN_HEARTBEAT) {
            throw ApiException.badRequest("a heartbeat lists at most " + MAX_RUNNING_IN_HEARTBEAT + " attempts");
        }
        if (beat.capabilities() != null) {
            checkCapabilities(beat.capabilities());
        }
        Instant now = clock.instant();
        List<Long> stop = store.write(tx -> {
            SpokeRecord worker = workers.get(beat.workerId())
                    .orElseThrow(() -> ApiException.notFound("worker " + beat.workerId() + " is not registered"));
            Spoke.State state = beat.draining() ? Spoke.State.DRAINING : Spoke.State.ONLINE;
            SpokeRecord updated = new SpokeRecord(worker.id(), worker.tokenHash(), worker.local(), state,
                    beat.capabilities() == null ? worker.capabilities() : beat.capabilities(),
                    worker.registeredAt(), now);
            workers.put(updated);
            tx.upsertSpoke(updated);
            if (worker.state() != state) {
                tx.record(new SpokeChanged(0, now, view(tx, updated)));
            }
            List<Long> toStop = new ArrayList<>();
            List<Long> toRenew = new ArrayList<>();
            for (AttemptRef ref : beat.running()) {
                Optional<AttemptRecord> attempt = tx.attempt(ref.attemptId());
                boolean current = attempt.isPresent()
                        && attempt.get().state() == AttemptRecord.State.RUNNING
                        && attempt.get().worker().equals(beat.workerId())
                        && Tokens.matches(attempt.get().token(), ref.token());
                (current ? toRenew : toStop).add(ref.attemptId());
            }
            tx.renewLeases(beat.workerId(), toRenew, now, now.plus(lease));
            return toStop;
        });
        return new HeartbeatReply(stop, (int) lease.toSeconds());
    }

    public void finish(AttemptRef ref, Outcome outcome) {
        if (outcome == null || outcome.status() == null || !REPORTABLE.contains(outcome.status())) {
            throw ApiException.badRequest("an outcome's status must be one of completed, failed, timed_out, stale, cancelled");
        }
        String outcomeJson = Json.write(outcome);
        Instant now = clock.instant();
        Task ended = store.write(tx -> {
            AttemptRecord attempt = tx.attempt(ref.attemptId())
                    .orElseThrow(() -> ApiException.notFound("unknown attempt " + ref.attemptId()));
            if (!Tokens.matches(attempt.token(), ref.token())) {
                throw ApiException.conflict("attempt " + ref.attemptId() + " does not belong to this caller");
            }
            if (attempt.state() == AttemptRecord.State.FINISHED) {
                if (outcomeJson.equals(attempt.outcome())) {
                    return null;
                }
                throw ApiException.conflict("attempt " + ref.attemptId() + " already reported a different outcome");
            }
            if (attempt.state() != AttemptRecord.State.RUNNING) {
                throw notCurrent(attempt);
            }
            Task task = tx.task(attempt.taskId()).orElseThrow();
            TaskResult result = new TaskResult(task.id(), attempt.number(), outcome.status(),
                    clip(outcome.summary(), MAX_SUMMARY_CHARS), outcome.exitCode(), outcome.durationSeconds(),
                    artifacts.dirFor(task.id()).toString(), outcome.filesChanged(), outcome.tokensIn(),
                    outcome.tokensOut(), outcome.costUsd(), outcome.turns(), outcome.sessionId(), outcome.branch(),
                    outcome.baseCommit(), clip(outcome.diffStat(), MAX_SUMMARY_CHARS), outcome.rateLimited(),
                    outcome.rateLimitedUntil(), outcome.incomplete(), now);
            return ending.endByWorker(tx, task, attempt, result, outcomeJson, outcome.reason(), now);
        });
        if (ended != null) {
            artifacts.writeAfterFinish(ended.id());
            dispatcher.wake();
        }
    }

    private AttemptRecord requireCurrent(WriteTx tx, AttemptRef ref) {
        AttemptRecord attempt = tx.attempt(ref.attemptId())
                .orElseThrow(() -> ApiException.notFound("unknown attempt " + ref.attemptId()));
        if (!Tokens.matches(attempt.token(), ref.token())) {
            throw ApiException.conflict("attempt " + ref.attemptId() + " does not belong to this caller");
        }
        if (attempt.state() != AttemptRecord.State.RUNNING) {
            throw notCurrent(attempt);
        }
        return attempt;
    }

    private static ApiException notCurrent(AttemptRecord attempt) {
        return ApiException.conflict("attempt " + attempt.number() + " of task " + attempt.taskId()
                + " is no longer current (" + attempt.state().wire() + ")");
    }

    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "…";
    }
}
