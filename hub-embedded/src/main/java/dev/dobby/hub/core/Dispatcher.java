package dev.dobby.hub.core;

import dev.dobby.hub.store.Claimed;
import dev.dobby.hub.store.ClaimSpec;
import dev.dobby.hub.store.SpokeRecord;
import dev.dobby.hub.store.Store;
import dev.dobby.hub.store.WriteTx;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.AttemptRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches waiting workers with pending tasks. Workers wait in arrival order; whenever something changes (a task
 * queued or finished, a worker arrived) one thread walks the waiters and claims the best task each may run. The
 * claim itself is a single conditional statement in the store, so two workers never get the same task.
 *
 * <p>A worker waits with one poll at a time: a newer poll from the same worker ends its older one empty (that one's
 * answer would go to a connection the worker gave up on). A new attempt's lease is only the short accept window
 * until the worker confirms it with a heartbeat, so an answer that never reached its worker comes back quickly.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    // Even without a signal, look again this often (tasks whose retry delay has passed, missed signals).
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final Store store;
    private final WorkerRegistry workers;
    private final Clock clock;
    private final Duration acceptWindow;
    // Arrival order; one entry per worker.
    private final Map<String, Waiter> waiters = new LinkedHashMap<>();
    private final Object lock = new Object();
    private boolean dirty;
    private boolean closed;
    private volatile boolean paused;
    private final Thread thread;

    private record Waiter(String workerId, Instant deadline, CompletableFuture<Optional<Assignment>> future) {
    }

    /** @param acceptWindow how long a new attempt waits for its worker's confirmation (see {@link #acceptWindow}) */
    public Dispatcher(Store store, WorkerRegistry workers, Clock clock, Duration acceptWindow) {
        this.store = store;
        this.workers = workers;
        this.clock = clock;
        this.acceptWindow = acceptWindow;
        this.thread = Thread.ofPlatform().name("dobby-dispatcher").daemon().start(this::loop);
    }

    /** Wait for a task the worker may run; completes empty at {@code wait}'s end. */
    public CompletableFuture<Optional<Assignment>> poll(String workerId, Duration wait) {
        CompletableFuture<Optional<Assignment>> future = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                future.complete(Optional.empty());
                return future;
            }
            Waiter previous = waiters.remove(workerId);
            if (previous != null) {
                previous.future().complete(Optional.empty());
            }
            waiters.put(workerId, new Waiter(workerId, clock.instant().plus(wait), future));
            dirty = true;
            lock.notifyAll();
        }
        return future;
    }

    /** Whether the worker has a poll waiting here now: a sign of life as good as a heartbeat. */
    public boolean isWaiting(String workerId) {
        synchronized (lock) {
            Waiter waiter = waiters.get(workerId);
            return waiter != null && !waiter.future().isDone();
        }
    }

    /** Something changed that may let a waiting worker run a task. */
    public void wake() {
        synchronized (lock) {
            dirty = true;
            lock.notifyAll();
        }
    }

    private volatile DispatchGate gate;
    private volatile dev.dobby.hub.core.gpu.GpuService gpuService;

    /** Where GPU tasks find their GPUs; null for a hub that places none. */
    public void gpus(dev.dobby.hub.core.gpu.GpuService value) {
        this.gpuService = value;
        wake();
    }

    /** What else may keep tasks from starting (the kill switch, budgets); null for nothing. */
    public void gate(DispatchGate value) {
        this.gate = value;
        wake();
    }

    /** While paused, no new task starts; running ones go on. */
    public void setPaused(boolean value) {
        paused = value;
        wake();
    }

    public boolean isPaused() {
        return paused;
    }

    private void loop() {
        while (true) {
            List<Waiter> snapshot;
            synchronized (lock) {
                if (!dirty && !closed) {
                    try {
                        lock.wait(RECHECK.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    waiters.values().forEach(w -> w.future().complete(Optional.empty()));
                    waiters.clear();
                    return;
                }
                dirty = false;
                expire(clock.instant());
                snapshot = List.copyOf(waiters.values());
            }
            if (!snapshot.isEmpty() && !paused) {
                try {
                    match(snapshot);
                } catch (RuntimeException e) {
                    log.error("dispatching failed; will try again", e);
                }
            }
        }
    }

    private void expire(Instant now) {
        Iterator<Waiter> it = waiters.values().iterator();
        while (it.hasNext()) {
            Waiter waiter = it.next();
            if (waiter.future().isDone()) {
                it.remove();
            } else if (!now.isBefore(waiter.deadline())) {
                waiter.future().complete(Optional.empty());
                it.remove();
            }
        }
    }

    private void match(List<Waiter> snapshot) {
        if (store.read(tx -> tx.countPending()) == 0) {
            return;
        }
        // Workers that can run the same things find the same nothing: ask once per kind per pass. A worker some
        // pending task names as its target is asked anyway.
        Set<String> targeted = store.read(tx -> tx.pendingTargets());
        Set<String> exhausted = new HashSet<>();
        for (Waiter waiter : snapshot) {
            if (waiter.future().isDone()) {
                continue;
            }
            Optional<SpokeRecord> worker = workers.get(waiter.workerId());
            if (worker.isEmpty() || worker.get().state() != Spoke.State.ONLINE) {
                continue;
            }
            String kind = kindOf(worker.get());
            if (exhausted.contains(kind) && !targeted.contains(worker.get().id())) {
                continue;
            }
            Optional<Assignment> assignment = store.write(tx -> claimFor(tx, worker.get()));
            if (assignment.isPresent()) {
                synchronized (lock) {
                    waiters.remove(waiter.workerId(), waiter);
                }
                if (!waiter.future().complete(assignment)) {
                    log.warn("worker {} stopped waiting before {} reached it; it goes back to the queue unconfirmed",
                            waiter.workerId(), assignment.get().attempt());
                }
            } else {
                exhausted.add(kind);
            }
        }
    }

    private static String kindOf(SpokeRecord worker) {
        Spoke.Capabilities caps = worker.capabilities();
        if (!caps.gpus().isEmpty()) {
            // GPU tasks depend on which of its GPUs are free: no two GPU workers are alike.
            return "gpus|" + worker.id();
        }
        return worker.local() + "|" + caps.backends() + "|" + caps.tags();
    }

    /**
     * How long an assignment may go unconfirmed: two heartbeats, at least 5 s, at most the lease. A worker confirms
     * right after the poll answers, so this only runs out when the answer was lost on the way.
     */
    public static Duration acceptWindow(Duration lease, Duration heartbeat) {
        Duration window = heartbeat.multipliedBy(2);
        if (window.compareTo(Duration.ofSeconds(5)) < 0) {
            window = Duration.ofSeconds(5);
        }
        return window.compareTo(lease) > 0 ? lease : window;
    }

    private Optional<Assignment> claimFor(WriteTx tx, SpokeRecord worker) {
        Instant now = clock.instant();
        // The hub's own worker cannot run projects whose checkout lives on spokes only.
        List<String> excluded = worker.local()
                ? tx.projects().stream().filter(Project::remote).map(Project::name).toList()
                : List.of();
        DispatchGate g = gate;
        if (g != null) {
            DispatchGate.Closed closed = g.closed(tx);
            if (closed.all()) {
                return Optional.empty();
            }
            if (!closed.projects().isEmpty()) {
                List<String> more = new java.util.ArrayList<>(excluded);
                more.addAll(closed.projects());
                excluded = more;
            }
        }
        // A backend whose account on this worker is out of quota waits for its reset; the others run on.
        java.util.Set<dev.dobby.protocol.Backend> limited = UsageLimits.exhausted(tx, worker.id(), now).keySet();
        List<dev.dobby.protocol.Backend> backends = worker.capabilities().backends().stream()
                .filter(b -> !limited.contains(b))
                .toList();
        if (backends.isEmpty()) {
            return Optional.empty();
        }
        dev.dobby.hub.core.gpu.GpuService placement = gpuService;
        List<Long> unplaceable = placement == null ? List.of() : placement.unplaceable(tx, worker);
        ClaimSpec spec = new ClaimSpec(worker.id(), backends, worker.capabilities().tags(),
                Tokens.random(), now, now.plus(acceptWindow), excluded, unplaceable);
        Optional<Claimed> claimed = tx.claimNext(spec);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Claimed c = claimed.get();
        Project project = tx.project(c.task().project()).orElseThrow();
        Assignment fresh = new Assignment(
                new AttemptRef(c.attempt().id(), c.attempt().token()),
                c.task().id(),
                c.attempt().number(),
                c.task().description(),
                c.task().backend(),
                project.name(),
                worker.capabilities().projects().getOrDefault(project.name(), project.path()),
                c.task().timeout(),
                // Two agents must never share a working directory.
                c.task().worktree() || project.policy().effectiveMaxConcurrent() > 1,
                project.context(),
                c.task().agent(),
                null,
                c.task().gpus(),
                c.task().gpuModel(),
                c.task().gpuMemoryMb(),
                placement == null ? List.of() : placement.reserve(tx, worker, c.task(), c.attempt().id()));
        Resumption.Claim claim = Resumption.apply(tx, c.task(), worker.id(), fresh);
        Transitions.claimed(tx, c.task(), claim.note(), now);
        return Optional.of(claim.assignment());
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
