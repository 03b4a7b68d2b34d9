package dev.dobby.agent.executor;

import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Placement;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** One attempt's supervisor as its executor sees it: running or not, and what to say if it left no exit record. */
public interface Execution {

    /** The supervisor's pid on this machine, or -1 when it runs elsewhere (a cluster node). */
    long pid();

    /** When it was started (or submitted). */
    Instant startedAt();

    /** True while the supervisor runs or may still start (a queued job). */
    boolean running();

    /**
     * A stop file was written for the attempt. A supervisor that runs reads it; a job still queued never will, so
     * the Slurm executor cancels it.
     */
    default void stopRequested() {
    }

    /** Where a scheduler placed the attempt, told now and on every change; nothing for local supervisors. */
    default void watchPlacement(Consumer<Placement> listener) {
    }

    /**
     * How the attempt ended when its supervisor left no exit record: a job the scheduler cancelled, timed out or
     * failed before the supervisor could record anything. Empty when the attempt is simply lost (the hub re-queues
     * it by its retry policy).
     *
     * @param stopRequested whether this worker asked for the stop (so a cancel is Dobby's, not an administrator's)
     */
    Optional<Ending> endedWithoutRecord(boolean stopRequested);

    /** An ending the executor can vouch for. */
    record Ending(TaskStatus status, Integer exitCode, String reason) {
    }
}
