package dev.dobby.agent.worker;

import dev.dobby.agent.runner.AgentRunner;
import dev.dobby.agent.runner.RunningAgent;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.AttemptRef;
import dev.dobby.protocol.work.Heartbeat;
import dev.dobby.protocol.work.HeartbeatReply;
import dev.dobby.protocol.work.WorkApi;
import dev.dobby.protocol.work.WorkerHello;
import dev.dobby.protocol.work.WorkerSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker loop shared by remote spokes and the hub's local worker: register, then poll for work while a
 * slot is free, run each assignment with the {@link AgentRunner}, and heartbeat on a separate timer so leases
 * stay fresh and the hub can tell it to stop an attempt.
 */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final WorkApi api;
    private final AgentRunner runner;
    private final String id;
    private final Spoke.Capabilities capabilities;
    private final Clock clock;
    private final Semaphore slots;
    private final Map<Long, RunningAttempt> running = new ConcurrentHashMap<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile WorkerSession session;
    private Thread pollThread;
    private Thread heartbeatThread;

    record RunningAttempt(AttemptRef ref, AttemptSession session, RunningAgent agent) {
    }

    public Worker(WorkApi api, AgentRunner runner, String id, Spoke.Capabilities capabilities, Clock clock) {
        this.api = api;
        this.runner = runner;
        this.id = id;
        this.capabilities = capabilities;
        this.clock = clock;
        this.slots = new Semaphore(Math.max(1, capabilities.maxConcurrent()));
    }

    public String id() {
        return id;
    }

    /** Register and start taking work. */
    public synchronized void start() {
        session = api.register(new WorkerHello(id, capabilities, Worker.class.getPackage().getImplementationVersion()));
        pollThread = Thread.ofPlatform().name("dobby-worker-poll-" + id).daemon().start(this::pollLoop);
        heartbeatThread = Thread.ofPlatform().name("dobby-worker-heartbeat-" + id).daemon().start(this::heartbeatLoop);
    }

    private void pollLoop() {
        long backoff = 0;
        while (!draining.get()) {
            try {
                if (!slots.tryAcquire(1, TimeUnit.SECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            boolean launched = false;
            try {
                if (draining.get()) {
                    return;
                }
                Optional<Assignment> next = api.poll(id, Duration.ofSeconds(session.pollWaitSeconds()));
                backoff = 0;
                if (next.isPresent()) {
                    launch(next.get());
                    launched = true;
                }
            } catch (RuntimeException e) {
                if (draining.get()) {
                    return;
                }
                backoff = nextBackoff(backoff);
                log.warn("worker {}: polling for work failed ({}); retrying in {} ms", id, e.getMessage(), backoff);
                sleep(backoff);
            } finally {
                if (!launched) {
                    slots.release();
                }
            }
        }
    }

    private void launch(Assignment assignment) {
        AttemptRef ref = assignment.attempt();
        AttemptSession attemptSession = new AttemptSession(api, assignment, clock, this::attemptEnded);
        // The entry must exist before the agent can exit and remove it.
        running.put(ref.attemptId(), new RunningAttempt(ref, attemptSession, null));
        RunningAgent agent = runner.start(assignment, attemptSession);
        attemptSession.attach(agent);
        running.computeIfPresent(ref.attemptId(), (k, v) -> new RunningAttempt(ref, attemptSession, agent));
    }

    private void attemptEnded(AttemptRef ref) {
        if (running.remove(ref.attemptId()) != null) {
            slots.release();
        }
    }

    private void heartbeatLoop() {
        while (!stopped.get()) {
            sleep(Duration.ofSeconds(session.heartbeatSeconds()).toMillis());
            if (stopped.get()) {
                return;
            }
            heartbeatOnce();
        }
    }

    /** Send one heartbeat now and act on the reply. */
    public void heartbeatOnce() {
        List<AttemptRef> refs = running.values().stream().map(RunningAttempt::ref).toList();
        try {
            HeartbeatReply reply = api.heartbeat(new Heartbeat(id, refs, null, draining.get()));
            for (Long attemptId : reply.stop()) {
                stopAttempt(attemptId, "stopped at the hub's request");
            }
        } catch (RuntimeException e) {
            log.warn("worker {}: heartbeat failed: {}", id, e.getMessage());
        }
    }

    /** Stop one attempt's agent (its process group). The hub has already decided the task's status. */
    public void stopAttempt(long attemptId, String reason) {
        RunningAttempt attempt = running.get(attemptId);
        if (attempt != null) {
            attempt.session().abandon();
            if (attempt.agent() != null) {
                attempt.agent().stop(TaskStatus.CANCELLED, reason);
            }
        }
    }

    /** Report nothing more about the attempts running now (the hub will settle them itself). */
    public void abandonAll() {
        running.values().forEach(attempt -> attempt.session().abandon());
    }

    /** Take no new work; what runs finishes. */
    public void drain() {
        draining.set(true);
        if (pollThread != null) {
            pollThread.interrupt();
        }
    }

    public boolean isDraining() {
        return draining.get();
    }

    /** Attempt ids running now. */
    public List<Long> runningAttempts() {
        return List.copyOf(running.keySet());
    }

    /**
     * Stop everything: take no new work, stop running agents (reported as cancelled unless the hub already
     * decided otherwise) and wait up to {@code limit} for them to go.
     */
    public void stop(Duration limit) {
        drain();
        for (RunningAttempt attempt : running.values()) {
            if (attempt.agent() != null) {
                attempt.agent().stop(TaskStatus.CANCELLED, "the worker is shutting down");
            }
        }
        long deadline = System.nanoTime() + limit.toNanos();
        for (RunningAttempt attempt : List.copyOf(running.values())) {
            long left = deadline - System.nanoTime();
            if (attempt.agent() != null && left > 0) {
                try {
                    attempt.agent().awaitExit(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        stopped.set(true);
        if (heartbeatThread != null) {
            heartbeatThread.interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    private static long nextBackoff(long previous) {
        long base = previous == 0 ? 500 : Math.min(previous * 2, MAX_BACKOFF.toMillis());
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
