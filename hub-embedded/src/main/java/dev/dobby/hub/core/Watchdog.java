package dev.dobby.hub.core;

import dev.dobby.hub.store.AttemptRecord;
import dev.dobby.hub.store.SpokeRecord;
import dev.dobby.hub.store.Store;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.SpokeChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's timers, run by {@link #tick()}: attempts whose lease ran out go back to the queue (or fail), tasks far
 * past their timeout are stopped even if their worker never says so, workers silent past the lease are marked
 * lost. Production calls it every second; tests call it after stepping their clock.
 */
public final class Watchdog {
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    // The worker enforces a task's timeout itself; the hub steps in only this much later.
    static final Duration TIMEOUT_BACKSTOP = Duration.ofSeconds(60);
    /**
     * How long past an attempt's lease the hub waits before it gives the task to another worker. The attempt's
     * supervisor has stopped the agent (TERM, kill grace, KILL) by the lease's end as the hub counts it, give or
     * take its 50 ms poll and the two clocks' rates; this covers that with room to spare. docs/spokes.md has the
     * whole argument.
     */
    public static final Duration LEASE_MARGIN = Duration.ofSeconds(2);

    private final Store store;
    private final WorkService work;
    private final WorkerRegistry workers;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final Duration lease;
    private final Instant graceUntil;

    public Watchdog(Store store, WorkService work, WorkerRegistry workers, Dispatcher dispatcher, Clock clock,
                    Duration lease) {
        this.store = store;
        this.work = work;
        this.workers = workers;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.lease = lease;
        // After a (re)start nobody has had a chance to heartbeat yet.
        this.graceUntil = clock.instant().plus(lease);
    }

    public void tick() {
        Instant now = clock.instant();
        List<AttemptRecord> stopped = new ArrayList<>();
        try {
            if (!now.isBefore(graceUntil)) {
                // A silent worker is marked lost before its attempts are taken back, so whoever sees a task
                // re-queued also sees why.
                markSilentWorkers(now);
                expireLeases(now);
            }
            stopOverdue(now, stopped);
        } catch (RuntimeException e) {
            log.error("watchdog tick failed; will try again", e);
        }
        stopped.forEach(work::attemptStopped);
    }

    private void expireLeases(Instant now) {
        List<AttemptRecord> expired = store.read(tx -> tx.runningAttempts()).stream()
                .filter(a -> a.leaseUntil().plus(LEASE_MARGIN).isBefore(now))
                .toList();
        for (AttemptRecord attempt : expired) {
            boolean changed = store.write(tx -> {
                AttemptRecord current = tx.attempt(attempt.id()).orElseThrow();
                Task task = tx.task(attempt.taskId()).orElseThrow();
                if (current.state() != AttemptRecord.State.RUNNING
                        || !current.leaseUntil().plus(LEASE_MARGIN).isBefore(now)
                        || task.status() != TaskStatus.RUNNING) {
                    return false;
                }
                work.ending().endAsLost(tx, task, current, "worker " + current.worker()
                        + " stopped answering (no heartbeat for " + lease.toSeconds() + " s)", now);
                return true;
            });
            if (changed) {
                log.warn("task {}: attempt {} on worker {} lost its lease", attempt.taskId(), attempt.number(),
                        attempt.worker());
                dispatcher.wake();
            }
        }
    }

    private void stopOverdue(Instant now, List<AttemptRecord> stopped) {
        List<AttemptRecord> running = store.read(tx -> tx.runningAttempts());
        for (AttemptRecord attempt : running) {
            Task task = store.read(tx -> tx.task(attempt.taskId())).orElse(null);
            if (task == null || task.status() != TaskStatus.RUNNING || task.startedAt() == null) {
                continue;
            }
            Instant deadline = task.startedAt().plusSeconds(task.timeout()).plus(TIMEOUT_BACKSTOP);
            if (now.isBefore(deadline)) {
                continue;
            }
            boolean changed = store.write(tx -> {
                Task current = tx.task(task.id()).orElseThrow();
                AttemptRecord currentAttempt = tx.attempt(attempt.id()).orElseThrow();
                if (current.status() != TaskStatus.RUNNING || currentAttempt.state() != AttemptRecord.State.RUNNING) {
                    return false;
                }
                work.ending().endByHub(tx, current, currentAttempt, TaskStatus.TIMED_OUT,
                        "stopped by the hub: no result " + TIMEOUT_BACKSTOP.toSeconds() + " s after the timeout of "
                                + task.timeout() + " s", now);
                return true;
            });
            if (changed) {
                stopped.add(attempt);
                dispatcher.wake();
            }
        }
    }

    private void markSilentWorkers(Instant now) {
        for (SpokeRecord worker : workers.all()) {
            // An idle worker long-polling for work is plainly alive even if it skips heartbeats meanwhile.
            boolean silent = (worker.lastHeartbeat() == null || worker.lastHeartbeat().plus(lease).isBefore(now))
                    && !dispatcher.isWaiting(worker.id());
            boolean active = worker.state() == Spoke.State.ONLINE || worker.state() == Spoke.State.DRAINING;
            if (silent && active) {
                store.write(tx -> {
                    SpokeRecord lost = workers.setState(worker.id(), Spoke.State.LOST);
                    tx.upsertSpoke(lost);
                    tx.record(new SpokeChanged(0, now, WorkService.view(tx, lost)));
                    return null;
                });
                log.warn("worker {} is lost: no heartbeat since {}", worker.id(), worker.lastHeartbeat());
            }
        }
    }
}
