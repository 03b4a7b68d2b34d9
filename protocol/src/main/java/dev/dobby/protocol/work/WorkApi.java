package dev.dobby.protocol.work;

import java.time.Duration;
import java.util.Optional;

/**
 * How a worker gets work from the hub and reports on it. The hub's built-in local worker calls it in-process;
 * remote spokes call the same operations over HTTP.
 *
 * <p>A worker confirms each assignment it receives by listing it in a heartbeat before it starts the agent; an
 * assignment nobody confirms (the poll's answer never arrived) goes back to the queue after a short window
 * without counting as a failed attempt.
 *
 * <p>Every call about an attempt carries its fencing token. Once an attempt is no longer the task's current one
 * (the task was cancelled, timed out, or re-queued after the worker was presumed lost), those calls fail with a
 * 409 {@link dev.dobby.protocol.ApiException} and change nothing: the worker should stop that attempt.
 */
public interface WorkApi {

    /** Announce a worker and what it can run. */
    WorkerSession register(WorkerHello hello);

    /** Wait up to {@code wait} for a task this worker may run; empty when the wait ends first. */
    Optional<Assignment> poll(String workerId, Duration wait);

    /** The agent process started; recorded so a restarted hub can find and stop it. */
    void started(AttemptRef attempt, long pid, java.time.Instant processStart);

    /**
     * Where a batch scheduler placed the attempt (job id, state, node); sent again whenever that changes. Only
     * spokes that submit attempts as jobs (Slurm) send it.
     */
    void placed(AttemptRef attempt, Placement placement);

    /** Append output. Chunks are numbered from 1 per attempt; a repeated chunk is ignored. */
    LogAck appendLog(AttemptRef attempt, LogChunk chunk);

    /** Renew the leases of the worker's running attempts and learn which to stop. */
    HeartbeatReply heartbeat(Heartbeat heartbeat);

    /** Report how an attempt ended. Repeating the same report is harmless. */
    void finish(AttemptRef attempt, Outcome outcome);

    /**
     * The worker is going away: it goes offline, and any attempt it still holds goes back to the queue now
     * instead of when its lease runs out.
     */
    void deregister(String workerId);

    /** The worker's GPU sample and tracked-job polls; the reply says which jobs to poll and when to sample next. */
    default dev.dobby.protocol.gpu.GpuReportReply reportGpus(dev.dobby.protocol.gpu.GpuReport report) {
        throw new UnsupportedOperationException("reportGpus");
    }
}
