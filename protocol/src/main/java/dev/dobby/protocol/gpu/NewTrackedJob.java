package dev.dobby.protocol.gpu;

/**
 * A request to track a job (POST /jobs): at least one of {@code pid}, {@code slurmJob}, {@code log}.
 *
 * @param taskId the task that started it; its worker polls the job
 * @param worker where the job runs, when no task says (default: the task's worker, else the hub's own)
 * @param log    the job's log file on that worker: its last lines are shown, and without a pid the job is the
 *               process that has it open
 */
public record NewTrackedJob(Long taskId, String worker, Long pid, String slurmJob, String log, String label) {
}
