package dev.dobby.agent.worker;

import dev.dobby.agent.runner.AgentRunner;
import dev.dobby.agent.runner.AttemptFolders;
import dev.dobby.agent.supervisor.AttemptFolder;
import dev.dobby.agent.runner.RunningAgent;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.client.Backoff;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.AttemptRef;
import dev.dobby.protocol.work.Heartbeat;
import dev.dobby.protocol.work.HeartbeatReply;
import dev.dobby.protocol.work.WorkApi;
import dev.dobby.protocol.work.WorkerHello;
import dev.dobby.protocol.work.WorkerSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker loop shared by remote spokes and the hub's local worker: register, then poll for work while a slot
 * is free, confirm each assignment with a heartbeat, run it with the {@link AgentRunner}, and heartbeat on a timer
 * of its own so leases stay fresh and the hub can tell it to stop an attempt.
 *
 * <p>Leases, seen from here: every attempt's lease counts from the last heartbeat that renewed it. If no heartbeat
 * gets through for that long (minus the kill grace), the worker stops the agent's process group and abandons the
 * attempt: it never reports it again, because by then the hub may have given the task to another worker.
 *
 * <p>Drain and stop differ: {@link #drain()} takes no new work and lets running attempts finish and report;
 * {@link #stop(Duration)} kills running agents without reporting them (the hub re-queues them).
 */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final Duration LEASE_CHECK = Duration.ofMillis(200);

    private final WorkApi api;
    private final AgentRunner runner;
    private final String id;
    private final Supplier<Spoke.Capabilities> capabilities;
    private final Duration stopEarly;
    private final Backoff backoffBounds;
    private final Semaphore slots;
    private final Map<Long, RunningAttempt> running = new ConcurrentHashMap<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Object idle = new Object();
    private volatile WorkerSession session;
    /** How often a worker with nothing running heartbeats while it waits for work. */
    static final Duration IDLE_HEARTBEAT = Duration.ofSeconds(60);
    /** A credential refused again this soon after registering anew means another process uses this id. */
    static final Duration REFUSED_AGAIN = Duration.ofMinutes(10);
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile long lastHeartbeat = System.nanoTime();
    private volatile long reregisteredOnRefusal;
    private volatile Consumer<RuntimeException> onFatal = e -> { };
    private volatile boolean leasesBindSupervisors;
    private Thread pollThread;
    private ScheduledExecutorService timers;

    /** One attempt this worker holds; {@code agent} is null until it is launched. */
    private record RunningAttempt(AttemptSession session, RunningAgent agent, boolean holdsSlot) {
        RunningAttempt(AttemptSession session, RunningAgent agent) {
            this(session, agent, true);
        }

        AttemptRef ref() {
            return session.ref();
        }
    }

    /**
     * @param capabilities what the worker can run, asked again for each heartbeat (GPUs come and go)
     * @param stopEarly    how long before its lease runs out an unrenewed agent is stopped: its kill grace
     */
    public Worker(WorkApi api, AgentRunner runner, String id, Supplier<Spoke.Capabilities> capabilities,
                  Duration stopEarly, Backoff backoff) {
        this.api = api;
        this.runner = runner;
        this.id = id;
        this.capabilities = capabilities;
        this.stopEarly = stopEarly;
        this.backoffBounds = backoff;
        this.slots = new Semaphore(Math.max(1, capabilities.get().maxConcurrent()));
    }

    public String id() {
        return id;
    }

    /** Called once if the hub refuses this worker for good (a 4xx that retrying cannot fix); the worker has stopped. */
    public void onFatal(Consumer<RuntimeException> handler) {
        this.onFatal = handler;
    }

    /**
     * Have each attempt's supervisor stop its agent when the lease runs out, whatever becomes of this process
     * (killed, frozen, cut off). Remote spokes need it: their hub gives the task to another worker after the
     * lease. The hub's own worker does not: its lease and its hub live and die together, and a restarted hub takes
     * its attempts up again.
     */
    public void leasesBindSupervisors(boolean value) {
        this.leasesBindSupervisors = value;
    }

    /** Register, take up the attempts a previous run left, and start taking work. */
    public void start() {
        start(runner.survivors());
    }

    /**
     * Register, take up {@code survivors} (attempts a previous run of this worker left: running on under their
     * supervisors, or ended while nobody listened), and start taking work. Blocks until registered.
     */
    public synchronized void start(List<AttemptFolders.Survivor> survivors) {
        session = api.register(hello());
        survivors.forEach(this::reattach);
        if (!survivors.isEmpty()) {
            heartbeatQuietly();
        }
        pollThread = Thread.ofVirtual().name("dobby-worker-poll-" + id).start(this::pollLoop);
        timers = Executors.newScheduledThreadPool(2, r -> Thread.ofPlatform().name("dobby-worker-timer-" + id)
                .daemon().unstarted(r));
        timers.scheduleWithFixedDelay(this::heartbeatQuietly, session.heartbeatSeconds(), session.heartbeatSeconds(),
                TimeUnit.SECONDS);
        timers.scheduleAtFixedRate(this::stopAgentsWithLostLeases, LEASE_CHECK.toMillis(), LEASE_CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private WorkerHello hello() {
        return new WorkerHello(id, capabilities.get(), Worker.class.getPackage().getImplementationVersion());
    }

    public WorkerSession session() {
        return session;
    }

    // ---- taking work

    private void pollLoop() {
        Backoff backoff = backoffBounds.copy();
        while (!draining.get()) {
            try {
                if (!slots.tryAcquire(1, TimeUnit.SECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            boolean launched = false;
            WorkerSession used = session;
            try {
                if (draining.get()) {
                    return;
                }
                Optional<Assignment> next;
                polling.set(true);
                try {
                    next = api.poll(id, Duration.ofSeconds(used.pollWaitSeconds()));
                } finally {
                    polling.set(false);
                }
                backoff.reset();
                if (next.isPresent()) {
                    launched = accept(next.get());
                }
            } catch (RuntimeException e) {
                if (draining.get()) {
                    return;
                }
                if (!handleFailure("polling for work", e, backoff, used)) {
                    return;
                }
            } finally {
                if (!launched) {
                    slots.release();
                }
            }
        }
    }

    /**
     * Confirm the assignment with a heartbeat, then launch it. The hub counts an assignment as delivered only once
     * a heartbeat lists it; one that is never confirmed goes back to the queue by itself, so an assignment that
     * arrives while draining is simply left unconfirmed.
     */
    private boolean accept(Assignment assignment) {
        AttemptRef ref = assignment.attempt();
        if (draining.get()) {
            log.info("worker {}: draining; leaving task {} to another worker", id, assignment.taskId());
            return false;
        }
        AttemptLease lease = new AttemptLease(Duration.ofSeconds(session.leaseSeconds()), stopEarly, System.nanoTime());
        AttemptSession attemptSession = new AttemptSession(api, assignment, lease, backoffBounds,
                this::attemptEnded, AttemptFolder.Shipped.NOTHING);
        running.put(ref.attemptId(), new RunningAttempt(attemptSession, null));
        if (!confirm(attemptSession)) {
            running.remove(ref.attemptId());
            attemptSession.abandon();
            return false;
        }
        log.info("worker {}: running task {} ({} attempt {})", id, assignment.taskId(), assignment.backend().wire(),
                assignment.attemptNumber());
        RunningAgent agent = runner.start(assignment, attemptSession);
        attemptSession.attach(agent);
        running.computeIfPresent(ref.attemptId(), (k, v) -> new RunningAttempt(attemptSession, agent));
        bindLease(agent, lease);
        return true;
    }

    private void reattach(AttemptFolders.Survivor survivor) {
        Assignment assignment = survivor.description().assignment();
        AttemptLease lease = new AttemptLease(Duration.ofSeconds(session.leaseSeconds()), stopEarly, System.nanoTime());
        AttemptSession attemptSession = new AttemptSession(api, assignment, lease, backoffBounds,
                this::attemptEnded, survivor.folder().shipped());
        boolean slot = slots.tryAcquire();
        running.put(assignment.attempt().attemptId(), new RunningAttempt(attemptSession, null, slot));
        log.info("worker {}: taking up task {} ({} attempt {}) from before the restart; its agent {}", id,
                assignment.taskId(), assignment.backend().wire(), assignment.attemptNumber(),
                survivor.execution().isPresent() ? "is still running" : "ended meanwhile");
        RunningAgent agent = runner.reattach(survivor, attemptSession);
        attemptSession.attach(agent);
        running.computeIfPresent(assignment.attempt().attemptId(),
                (k, v) -> new RunningAttempt(attemptSession, agent, v.holdsSlot()));
        bindLease(agent, lease);
    }

    private void bindLease(RunningAgent agent, AttemptLease lease) {
        if (leasesBindSupervisors) {
            agent.renewLease(lease.supervisorDeadline(System.nanoTime(), stopEarly));
        }
    }

    /** A heartbeat that lists the new attempt; retried while its lease could be alive. */
    private boolean confirm(AttemptSession attempt) {
        Backoff backoff = backoffBounds.copy();
        while (!draining.get()) {
            long sent = System.nanoTime();
            try {
                HeartbeatReply reply = sendHeartbeat(sent);
                if (reply.stop().contains(attempt.ref().attemptId())) {
                    log.info("worker {}: the hub took back {} before it started", id, attempt.ref());
                    return false;
                }
                return true;
            } catch (RuntimeException e) {
                if (!Backoff.isTransient(e) || attempt.lease().lost(System.nanoTime())) {
                    log.warn("worker {}: could not confirm {} ({}); leaving it to the hub", id, attempt.ref(),
                            e.getMessage());
                    return false;
                }
                Backoff.sleep(backoff.next());
            }
        }
        return false;
    }

    private void attemptEnded(AttemptRef ref) {
        RunningAttempt ended = running.remove(ref.attemptId());
        if (ended != null && ended.holdsSlot()) {
            slots.release();
        }
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /**
     * What to do after a failed call made with {@code used}: back off if it may pass, register again if the hub
     * forgot this worker or no longer takes its credential, give up on anything else. False when the worker must
     * stop.
     */
    private boolean handleFailure(String what, RuntimeException e, Backoff backoff, WorkerSession used) {
        if (isRefusal(e)) {
            try {
                if (registerAgain(used, ((ApiException) e).status(), e.getMessage())) {
                    return true;
                }
            } catch (RuntimeException again) {
                e = again;
            }
        }
        if (Backoff.isTransient(e)) {
            Duration wait = backoff.next();
            log.warn("worker {}: {} failed ({}); retrying in {} ms", id, what, e.getMessage(), wait.toMillis());
            Backoff.sleep(wait);
            return true;
        }
        log.error("worker {}: the hub refused {}: {}", id, what, e.getMessage());
        fatal(e);
        return false;
    }

    /**
     * The hub forgot this worker (404 from older hubs) or refuses its credential (401, which is also what it says
     * about a spoke it does not know). Registering again with the enrolment token settles both.
     */
    private static boolean isRefusal(RuntimeException e) {
        return e instanceof ApiException api && (api.status() == 404 || api.status() == 401);
    }

    /**
     * Registers again after a refused call made with {@code used}, unless another call already did (its refusal
     * then only says the old credential is gone). False when this worker should give way instead: two processes
     * sharing one id void each other's credential in turn, so a second refusal soon after registering again
     * means the id is taken.
     */
    private synchronized boolean registerAgain(WorkerSession used, int status, String message) {
        if (session != used) {
            return true;
        }
        long now = System.nanoTime();
        if (status == 401) {
            if (reregisteredOnRefusal != 0 && now - reregisteredOnRefusal < REFUSED_AGAIN.toNanos()) {
                return false;
            }
            reregisteredOnRefusal = now;
        }
        log.warn("worker {}: the hub does not take this worker's credential ({}); registering again", id, message);
        session = api.register(hello());
        return true;
    }

    private void fatal(RuntimeException e) {
        if (stopped.get()) {
            return;
        }
        Thread.ofVirtual().name("dobby-worker-fatal-" + id).start(() -> {
            stop(Duration.ofSeconds(10));
            onFatal.accept(e);
        });
    }

    // ---- heartbeats and leases

    private void heartbeatQuietly() {
        if (stopped.get()) {
            return;
        }
        // With nothing running, a waiting poll already tells the hub this worker is alive; an idle worker then
        // heartbeats only now and then (to refresh what it reports, GPUs say), which spares the hub a connection
        // and a write per worker every few seconds.
        boolean idle = running.isEmpty() && polling.get() && !draining.get();
        if (idle && System.nanoTime() - lastHeartbeat < IDLE_HEARTBEAT.toNanos()) {
            return;
        }
        WorkerSession used = session;
        try {
            heartbeatOnce();
        } catch (RuntimeException e) {
            if (isRefusal(e)) {
                handleFailure("a heartbeat", e, backoffBounds.copy(), used);
            } else if (Backoff.isTransient(e)) {
                log.warn("worker {}: heartbeat failed: {}", id, e.getMessage());
            } else {
                log.error("worker {}: the hub refused a heartbeat: {}", id, e.getMessage());
                fatal(e);
            }
        }
    }

    /** Send one heartbeat now and act on the reply. */
    public void heartbeatOnce() {
        sendHeartbeat(System.nanoTime());
    }

    private HeartbeatReply sendHeartbeat(long sentAt) {
        lastHeartbeat = sentAt;
        List<RunningAttempt> listed = running.values().stream()
                .filter(a -> !a.session().isAbandoned())
                .toList();
        HeartbeatReply reply = api.heartbeat(new Heartbeat(id, listed.stream().map(RunningAttempt::ref).toList(),
                capabilities.get(), draining.get()));
        for (RunningAttempt attempt : listed) {
            if (!reply.stop().contains(attempt.ref().attemptId())) {
                attempt.session().lease().renew(sentAt);
                if (attempt.agent() != null) {
                    bindLease(attempt.agent(), attempt.session().lease());
                }
            }
        }
        for (Long attemptId : reply.stop()) {
            stopAttempt(attemptId, "stopped at the hub's request");
        }
        return reply;
    }

    private void stopAgentsWithLostLeases() {
        long now = System.nanoTime();
        for (RunningAttempt attempt : running.values()) {
            AttemptLease lease = attempt.session().lease();
            if (attempt.session().isAbandoned() || !lease.lost(now)) {
                continue;
            }
            attempt.session().abandon();
            log.warn("worker {}: no word from the hub for {} s; stopping task {} and leaving it to the hub", id,
                    lease.silentFor(now).toSeconds(), attempt.session().ref());
            if (attempt.agent() != null) {
                attempt.agent().stop(TaskStatus.CANCELLED, "lost contact with the hub");
            }
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

    // ---- drain and stop

    /** Take no new work; what runs finishes and reports. The hub hears about it with the next heartbeat. */
    public void drain() {
        if (draining.getAndSet(true)) {
            return;
        }
        if (pollThread != null) {
            // A poll already answered with a task is never confirmed, so that task returns to the queue.
            pollThread.interrupt();
        }
        Thread.ofVirtual().name("dobby-worker-drain-" + id).start(this::heartbeatQuietly);
    }

    public boolean isDraining() {
        return draining.get();
    }

    /** Wait until no attempt runs; false if {@code limit} passed first. */
    public boolean awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (idle) {
            while (!running.isEmpty()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.min(left, 500));
            }
        }
        return true;
    }

    /** The supervisor pid of each agent running now, to its task id (to tell which GPU processes are whose). */
    public Map<Long, Long> agentProcesses() {
        Map<Long, Long> pids = new java.util.HashMap<>();
        for (RunningAttempt attempt : running.values()) {
            if (attempt.agent() != null && attempt.agent().pid() > 0) {
                pids.put(attempt.agent().pid(), attempt.session().assignment().taskId());
            }
        }
        return pids;
    }

    /** Attempt ids running now. */
    public List<Long> runningAttempts() {
        return List.copyOf(running.keySet());
    }

    /** Report nothing more about the attempts running now (the hub will settle them itself). */
    public void abandonAll() {
        running.values().forEach(attempt -> attempt.session().abandon());
    }

    /**
     * Stop now: take no new work, abandon running attempts (nothing more is reported about them; the hub
     * re-queues them) and kill their agents, waiting up to {@code limit} for them to go.
     */
    public void stop(Duration limit) {
        if (stopped.getAndSet(true)) {
            return;
        }
        draining.set(true);
        if (pollThread != null) {
            pollThread.interrupt();
        }
        abandonAll();
        for (RunningAttempt attempt : running.values()) {
            if (attempt.agent() != null) {
                attempt.agent().abandon("the worker is shutting down");
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
        if (timers != null) {
            timers.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
