package dev.dobby.hub.core;

import dev.dobby.hub.store.AttemptRecord;
import dev.dobby.hub.store.SpokeRecord;
import dev.dobby.hub.store.Store;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a starting hub does about the previous run. Attempts of its own local worker whose supervisors outlived
 * it are left running: the local worker takes them up again and reports them. The others are lost (their
 * supervisors are gone too), and their tasks go back to the queue (or fail after a second loss). Remote workers
 * and their attempts get a full lease of grace to heartbeat before anything is declared lost.
 *
 * <p>Recovery never signals a process by a pid from the database: a second hub started on a copy of it would
 * kill the first one's agents. Processes are only ever touched through their attempt's folder, which carries
 * the attempt's id and token.
 */
public final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    public static void run(Store store, WorkerRegistry workers, WorkService work, Clock clock, Duration lease,
                           String localId, Set<Long> survivingLocalAttempts) {
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
            if (!attempt.worker().equals(localId) || survivingLocalAttempts.contains(attempt.id())) {
                continue;
            }
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
}
