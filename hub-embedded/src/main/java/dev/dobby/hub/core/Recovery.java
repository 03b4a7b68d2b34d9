package dev.dobby.hub.core;

import dev.dobby.agent.runner.ProcessGroups;
import dev.dobby.hub.store.AttemptRecord;
import dev.dobby.hub.store.SpokeRecord;
import dev.dobby.hub.store.Store;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a starting hub does about the previous run. Attempts of its own local worker died with it: their process
 * groups are killed if anything survived, and the tasks go back to the queue (or fail after a second loss).
 * Remote workers and their attempts get a full lease of grace to heartbeat before anything is declared lost.
 */
public final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    public static void run(Store store, WorkerRegistry workers, WorkService work, Clock clock, Duration lease, String localId) {
        Instant now = clock.instant();
        for (SpokeRecord stored : store.read(tx -> tx.spokes())) {
            boolean active = stored.state() == Spoke.State.ONLINE || stored.state() == Spoke.State.DRAINING;
            workers.put(stored.local() ? new SpokeRecord(stored.id(), stored.tokenHash(), true, Spoke.State.STOPPED,
                    stored.capabilities(), stored.registeredAt(), stored.lastHeartbeat())
                    : active ? new SpokeRecord(stored.id(), stored.tokenHash(), false, stored.state(),
                    stored.capabilities(), stored.registeredAt(), now) : stored);
        }
        List<AttemptRecord> running = store.read(tx -> tx.runningAttempts());
        for (AttemptRecord attempt : running) {
            if (!attempt.worker().equals(localId)) {
                continue;
            }
            killIfSurvived(attempt);
            store.write(tx -> {
                Task task = tx.task(attempt.taskId()).orElseThrow();
                AttemptRecord current = tx.attempt(attempt.id()).orElseThrow();
                if (task.status() == TaskStatus.RUNNING && current.state() == AttemptRecord.State.RUNNING) {
                    work.ending().endAsLost(tx, task, current, "the hub stopped while it ran", now);
                } else {
                    tx.endAttempt(current.id(), AttemptRecord.State.LOST, null, now);
                }
                return null;
            });
            log.info("task {}: attempt {} ended with the previous hub run", attempt.taskId(), attempt.number());
        }
        store.write(tx -> {
            tx.extendAllLeases(now.plus(lease));
            return null;
        });
    }

    private static void killIfSurvived(AttemptRecord attempt) {
        if (attempt.pid() == null) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(attempt.pid());
        boolean same = process.isPresent() && attempt.processStart() != null && process.get().info().startInstant()
                .map(start -> start.truncatedTo(ChronoUnit.MILLIS).equals(attempt.processStart()))
                .orElse(false);
        if (same) {
            log.warn("task {}: killing the agent (pid {}) left running by the previous hub", attempt.taskId(), attempt.pid());
            ProcessGroups.terminate(process.get(), Duration.ofSeconds(2));
        } else if (process.isEmpty() && ProcessGroups.supported() && ProcessGroups.groupAlive(attempt.pid())) {
            // The leader is gone but a group with its id lives on. The kernel never hands a pid out again while a
            // group still carries it, so these are the agent's own children.
            ProcessGroups.kill(attempt.pid(), List.of());
        }
    }
}
