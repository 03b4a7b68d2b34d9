package dev.dobby.hub.core;

import dev.dobby.hub.store.AttemptRecord;
import dev.dobby.hub.store.Store;
import dev.dobby.protocol.Durations;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops agents that have gone quiet: a running attempt with no output for {@code stale_timeout} (counted from its
 * start, its last output line received, or this hub's start, whichever is latest) ends as {@code stale}, and its
 * worker is told to kill the agent (at once for the local worker, in the next heartbeat reply for a spoke).
 * Remote Control sessions are left alone: they print nothing while nobody uses them.
 */
public final class StaleDetector {
    private static final Logger log = LoggerFactory.getLogger(StaleDetector.class);

    private final Store store;
    private final WorkService work;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final Duration staleAfter;
    private final Instant startedAt;

    public StaleDetector(Store store, WorkService work, Dispatcher dispatcher, Clock clock, Duration staleAfter) {
        this.store = store;
        this.work = work;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.startedAt = clock.instant();
    }

    public void tick() {
        Instant now = clock.instant();
        List<AttemptRecord> stopped = new ArrayList<>();
        try {
            for (AttemptRecord attempt : store.read(tx -> tx.runningAttempts())) {
                if (stopIfQuiet(attempt, now)) {
                    stopped.add(attempt);
                }
            }
        } catch (RuntimeException e) {
            log.error("stale check failed; will try again", e);
        }
        stopped.forEach(work::attemptStopped);
        if (!stopped.isEmpty()) {
            dispatcher.wake();
        }
    }

    private boolean stopIfQuiet(AttemptRecord attempt, Instant now) {
        Instant seen = store.read(tx -> lastSign(tx, attempt));
        if (now.isBefore(seen.plus(staleAfter))) {
            return false;
        }
        return store.write(tx -> {
            AttemptRecord current = tx.attempt(attempt.id()).orElseThrow();
            Task task = tx.task(current.taskId()).orElseThrow();
            // A Remote Control session is quiet while nobody talks to it; its timeout is its limit.
            if (current.state() != AttemptRecord.State.RUNNING || task.status() != TaskStatus.RUNNING
                    || task.backend() == dev.dobby.protocol.Backend.SESSION) {
                return false;
            }
            Instant lastSign = lastSign(tx, current);
            if (now.isBefore(lastSign.plus(staleAfter))) {
                return false;
            }
            String reason = "stale: no output for " + Durations.format(Duration.between(lastSign, now))
                    + " (stale_timeout is " + Durations.format(staleAfter) + "); the agent was stopped";
            work.ending().endByHub(tx, task, current, TaskStatus.STALE, reason, now);
            log.warn("task {}: {}", task.id(), reason);
            return true;
        });
    }

    private Instant lastSign(dev.dobby.hub.store.ReadTx tx, AttemptRecord attempt) {
        return latest(attempt.startedAt(), tx.lastOutputAt(attempt.id()).orElse(null), startedAt);
    }

    private static Instant latest(Instant... instants) {
        Instant latest = Instant.EPOCH;
        for (Instant instant : instants) {
            if (instant != null && instant.isAfter(latest)) {
                latest = instant;
            }
        }
        return latest;
    }
}
