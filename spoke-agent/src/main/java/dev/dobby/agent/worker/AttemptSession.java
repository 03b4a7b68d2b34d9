package dev.dobby.agent.worker;

import dev.dobby.agent.runner.ParsedResult;
import dev.dobby.agent.runner.RunListener;
import dev.dobby.agent.runner.RunResult;
import dev.dobby.agent.runner.RunningAgent;
import dev.dobby.agent.supervisor.AttemptFolder;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.client.Backoff;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.AttemptRef;
import dev.dobby.protocol.work.LogChunk;
import dev.dobby.protocol.work.Outcome;
import dev.dobby.protocol.work.OutputLine;
import dev.dobby.protocol.work.Placement;
import dev.dobby.protocol.work.WorkApi;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports one attempt to the hub: its start, its output in numbered chunks, and its outcome.
 *
 * <p>A report that fails for a reason that may pass (no answer, 429, 5xx) is repeated with backoff for as long as
 * the attempt's lease could still be alive; so a short outage changes nothing. Once the lease is lost (the
 * {@link Worker} stops the agent then), the session is abandoned and reports nothing more, ever: by then the hub
 * may have given the task to someone else. A 409 or 404 means the hub no longer wants this attempt: the agent is
 * stopped and nothing more is sent.
 */
final class AttemptSession implements RunListener {
    private static final Logger log = LoggerFactory.getLogger(AttemptSession.class);

    private final WorkApi api;
    private final Assignment assignment;
    private final AttemptRef ref;
    private final AttemptLease lease;
    private final Backoff backoffBounds;
    private final Consumer<AttemptRef> onEnd;
    private final LogShipper shipper;
    private volatile RunningAgent agent;
    private volatile AttemptFolder folder;
    private volatile boolean abandoned;
    private volatile Thread startReport;
    private final java.util.concurrent.atomic.AtomicReference<Placement> latestPlacement =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.locks.ReentrantLock placementLock = new java.util.concurrent.locks.ReentrantLock();
    private Placement deliveredPlacement;

    /** @param shipped how much of the attempt's output the hub has already (from a previous run of the worker) */
    AttemptSession(WorkApi api, Assignment assignment, AttemptLease lease, Backoff backoff,
                   Consumer<AttemptRef> onEnd, AttemptFolder.Shipped shipped) {
        this.api = api;
        this.assignment = assignment;
        this.ref = assignment.attempt();
        this.lease = lease;
        this.backoffBounds = backoff;
        this.onEnd = onEnd;
        this.shipper = new LogShipper(Long.toString(assignment.taskId()), this::send, backoff.copy(), shipped,
                this::shippedUpTo);
    }

    Assignment assignment() {
        return assignment;
    }

    AttemptRef ref() {
        return ref;
    }

    AttemptLease lease() {
        return lease;
    }

    @Override
    public void folder(AttemptFolder value) {
        this.folder = value;
    }

    private void shippedUpTo(AttemptFolder.Shipped shipped) {
        AttemptFolder current = folder;
        if (current != null) {
            try {
                current.recordShipped(shipped);
            } catch (java.io.UncheckedIOException e) {
                log.warn("task {} {}: {}", assignment.taskId(), ref, e.getMessage());
            }
        }
    }

    void attach(RunningAgent runningAgent) {
        this.agent = runningAgent;
        shipper.updatesFrom(runningAgent::drainUpdates);
        if (abandoned) {
            runningAgent.stop(TaskStatus.CANCELLED, "the attempt is no longer current");
        }
    }

    /** The hub no longer wants to hear about this attempt (or may already have given it to someone else). */
    void abandon() {
        abandoned = true;
    }

    boolean isAbandoned() {
        return abandoned;
    }

    @Override
    public void started(long pid, Instant processStart) {
        // Off the launching thread: during an outage this may take a while, and the output must flow meanwhile.
        startReport = Thread.ofVirtual().name("dobby-started-" + assignment.taskId())
                .start(() -> deliver("its start", () -> api.started(ref, pid, processStart)));
    }

    /**
     * Only the latest placement matters: each change starts a sender that delivers whatever is newest, one at a
     * time, so the hub ends up with the last state, never an older one.
     */
    @Override
    public void placed(Placement placement) {
        latestPlacement.set(placement);
        Thread.ofVirtual().name("dobby-placement-" + assignment.taskId()).start(() -> {
            placementLock.lock();
            try {
                Placement newest = latestPlacement.get();
                if (newest != deliveredPlacement && !abandoned) {
                    deliver("its placement", () -> api.placed(ref, newest));
                    deliveredPlacement = newest;
                }
            } finally {
                placementLock.unlock();
            }
        });
    }

    @Override
    public void output(OutputLine line) {
        shipper.add(line);
    }

    private LogShipper.Delivery send(LogChunk chunk) {
        if (abandoned) {
            return LogShipper.Delivery.GIVE_UP;
        }
        CostCap.check(assignment, chunk.progress(), agent);
        try {
            return new LogShipper.Delivery.Acked(api.appendLog(ref, chunk).nextExpected());
        } catch (ApiException e) {
            if (e.status() == 409 || e.status() == 404) {
                stopBecause(e);
                return LogShipper.Delivery.GIVE_UP;
            }
            if (!Backoff.isTransient(e)) {
                // The hub will not take this chunk as it is; holding it would hold back every later line.
                log.warn("task {} {}: the hub refused log chunk {} ({} lines): {}", assignment.taskId(), ref,
                        chunk.number(), chunk.lines().size(), e.getMessage());
                return LogShipper.Delivery.GIVE_UP;
            }
            return retryOrGiveUp(e);
        } catch (RuntimeException e) {
            return Backoff.isTransient(e) ? retryOrGiveUp(e) : LogShipper.Delivery.GIVE_UP;
        }
    }

    private LogShipper.Delivery retryOrGiveUp(RuntimeException e) {
        if (leaseLost()) {
            return LogShipper.Delivery.GIVE_UP;
        }
        log.debug("task {} {}: log chunk not delivered yet: {}", assignment.taskId(), ref, e.getMessage());
        return LogShipper.Delivery.RETRY;
    }

    private void stopBecause(ApiException e) {
        abandoned = true;
        RunningAgent current = agent;
        if (current != null) {
            current.stop(TaskStatus.CANCELLED, "the hub no longer expects this attempt");
        }
        log.info("task {} {}: {}", assignment.taskId(), ref, e.getMessage());
    }

    @Override
    public void exited(RunResult result) {
        if (result.status() == null) {
            // The agent's end went unrecorded: there is nothing true to report. The hub settles the attempt when
            // its lease runs out (or, for the hub's own worker, when it starts again).
            abandoned = true;
            log.warn("task {} {}: {}", assignment.taskId(), ref, result.reason());
        }
        try {
            long chunks = shipper.close();
            Thread start = startReport;
            if (start != null) {
                start.join();
            }
            ParsedResult parsed = result.parsed();
            RunResult.Worktree worktree = result.worktree();
            Outcome outcome = new Outcome(result.status(), result.exitCode(), result.durationSeconds(),
                    parsed.summary(), parsed.filesChanged(), parsed.tokensIn(), parsed.tokensOut(), parsed.costUsd(),
                    parsed.turns(), parsed.sessionId(),
                    worktree == null ? null : worktree.branch(),
                    worktree == null ? null : worktree.baseCommit(),
                    worktree == null ? null : worktree.diffStat(),
                    parsed.rateLimited(), parsed.rateLimitedUntil(), parsed.incomplete(), result.reason(), chunks);
            deliver("its result", () -> api.finish(ref, outcome));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Reported, or never to be: a restarted worker must not take the attempt up again.
            AttemptFolder done = folder;
            if (done != null) {
                try {
                    done.markCollected();
                } catch (java.io.UncheckedIOException e) {
                    log.warn("task {} {}: {}", assignment.taskId(), ref, e.getMessage());
                }
            }
            onEnd.accept(ref);
        }
    }

    /** Make one report, repeating it while the hub is away and the lease may still be alive. */
    private void deliver(String what, Runnable request) {
        Backoff backoff = backoffBounds.copy();
        while (!abandoned) {
            try {
                request.run();
                return;
            } catch (ApiException e) {
                if (e.status() == 409 || e.status() == 404) {
                    stopBecause(e);
                    return;
                }
                if (!Backoff.isTransient(e)) {
                    log.warn("task {} {}: the hub refused {}: {}", assignment.taskId(), ref, what, e.getMessage());
                    return;
                }
                if (!waitToRetry(what, e, backoff)) {
                    return;
                }
            } catch (RuntimeException e) {
                if (!Backoff.isTransient(e) || !waitToRetry(what, e, backoff)) {
                    return;
                }
            }
        }
    }

    private boolean waitToRetry(String what, RuntimeException e, Backoff backoff) {
        if (leaseLost()) {
            return false;
        }
        Duration wait = backoff.next();
        Duration left = lease.left(System.nanoTime());
        log.warn("task {} {}: could not report {} ({}); trying again for up to {} s", assignment.taskId(), ref,
                what, e.getMessage(), Math.max(0, left.toSeconds()));
        return Backoff.sleep(wait.compareTo(left) > 0 ? left.plusMillis(1) : wait) && !leaseLost();
    }

    private boolean leaseLost() {
        if (lease.lost(System.nanoTime())) {
            abandoned = true;
        }
        return abandoned;
    }
}
