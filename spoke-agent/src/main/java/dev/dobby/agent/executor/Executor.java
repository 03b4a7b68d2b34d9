package dev.dobby.agent.executor;

import dev.dobby.agent.supervisor.AttemptFolder;
import java.util.Optional;

/**
 * Where an attempt's supervisor runs: as a child of this worker ({@link LocalExecutor}) or as a batch job on a
 * cluster's node (Slurm). Everything else — the attempt's folder, the supervisor that writes the agent's output and
 * exit status into it, the tailing, parsing and reporting — is the same for every executor; the folder is the whole
 * interface between the worker and the supervisor, so it only has to be on a file system both can see.
 */
public interface Executor {

    /**
     * Start the supervisor.
     *
     * @throws Refused with a message for the task's result when the supervisor cannot be started (sbatch refused
     *                 the job, say)
     */
    Execution launch(Launch launch) throws Refused;

    /**
     * The execution a previous run of this worker started for the attempt in {@code folder}, if there is still
     * something to follow or to ask about: a running supervisor, or a job the scheduler still knows.
     */
    Optional<Execution> find(AttemptFolder folder);

    /** Make sure nothing of a lost attempt runs on (its supervisor is gone without recording an end). */
    void reap(AttemptFolder folder);

    /** A supervisor that could not be started, and why, in words for the user. */
    final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }
}
