package dev.dobby.protocol.work;

/**
 * Where a batch scheduler put an attempt: body of {@code POST /attempts/{id}/placement}, sent by a spoke whose
 * executor submits each attempt as a job, and shown in the task's detail status.
 *
 * @param executor  the scheduler ({@code slurm})
 * @param jobId     its job id
 * @param state     its job state as it names them ({@code PENDING}, {@code RUNNING}, {@code COMPLETED}, ...)
 * @param reason    why a pending job waits, in its words ({@code Resources}, {@code Priority}); null when none
 * @param node      the node it runs on, once it runs
 * @param partition the partition (queue) it was submitted to
 */
public record Placement(String executor, String jobId, String state, String reason, String node, String partition) {
    public static final String SLURM = "slurm";

    /** Accepted but not started by the scheduler yet. */
    public boolean queued() {
        return "PENDING".equals(state) || "CONFIGURING".equals(state) || "REQUEUED".equals(state);
    }

    /** Why the attempt's agent has not started, for a job still queued; null otherwise. */
    public String waitingReason() {
        if (!queued()) {
            return null;
        }
        String name = SLURM.equals(executor) ? "Slurm" : executor;
        return "queued in " + name + (reason == null || reason.isBlank() || "None".equals(reason) ? ""
                : ": " + reason);
    }

    /**
     * A few words for a list of tasks: {@code slurm 42 RUNNING on node1 (debug)}, or for a job still queued why it
     * waits ({@code queued in Slurm: Resources}).
     */
    public String brief() {
        if (queued()) {
            return waitingReason();
        }
        StringBuilder out = new StringBuilder(executor).append(' ').append(jobId);
        if (state != null) {
            out.append(' ').append(state);
        }
        if (node != null && !node.isBlank()) {
            out.append(" on ").append(node);
        }
        if (partition != null && !partition.isBlank()) {
            out.append(" (").append(partition).append(')');
        }
        return out.toString();
    }

    /** One line for people: {@code slurm job 42 RUNNING on node1 (partition debug)}. */
    public String describe() {
        StringBuilder out = new StringBuilder(executor).append(" job ").append(jobId);
        if (state != null) {
            out.append(' ').append(state);
        }
        if (node != null && !node.isBlank()) {
            out.append(" on ").append(node);
        }
        if (partition != null && !partition.isBlank()) {
            out.append(" (partition ").append(partition).append(')');
        }
        if (reason != null && !reason.isBlank() && !"None".equals(reason)) {
            out.append(", reason ").append(reason);
        }
        return out.toString();
    }
}
