package dev.dobby.agent.executor.slurm;

import dev.dobby.protocol.work.Placement;
import java.util.Optional;
import java.util.Set;

/**
 * A Slurm job as squeue (or scontrol) shows it.
 *
 * @param state     Slurm's state name (PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, ...)
 * @param reason    why it waits or ended (Resources, Priority, NonZeroExitCode, ...), null for none
 * @param node      where it runs or ran, null before it is placed
 * @param comment   the comment it was submitted with
 */
record JobState(String jobId, String name, String state, String reason, String node, String partition,
                String comment) {
    /** squeue's format for the fields above, in order. */
    static final String SQUEUE_FORMAT = "%i|%j|%T|%r|%N|%P|%k";
    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "PREEMPTED",
            "NODE_FAIL", "BOOT_FAIL", "DEADLINE", "OUT_OF_MEMORY", "SPECIAL_EXIT", "REVOKED");

    static Optional<JobState> parse(String line) {
        String[] f = line.strip().split("\\|", -1);
        if (f.length < 7 || f[0].isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new JobState(f[0], f[1], f[2], blank(f[3]), blank(f[4]), blank(f[5]), blank(f[6])));
    }

    boolean ended() {
        return ENDED.contains(state);
    }

    Placement placement() {
        return new Placement(Placement.SLURM, jobId, state, reason, node, partition);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() || "(null)".equals(value) || "None".equals(value) ? null
                : value.strip();
    }
}
