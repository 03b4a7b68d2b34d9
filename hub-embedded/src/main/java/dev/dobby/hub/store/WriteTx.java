package dev.dobby.hub.store;

import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.work.OutputLine;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Changes to the store, made inside one write job. */
public interface WriteTx extends ReadTx {

    long insertTask(TaskInsert insert);

    void insertDependencies(long taskId, Collection<Long> parentIds);

    /**
     * Move a task from {@code from} to {@code to} if it is still in {@code from}; false if it was not. Callers
     * check the transition table first (see {@code Transitions}); the store only makes the change conditional.
     */
    boolean updateStatus(long taskId, TaskStatus from, TaskStatus to, String reason, Instant at);

    void updateStatusReason(long taskId, String reason, Instant at);

    void updateTask(long taskId, TaskFields fields, Instant at);

    void setNotBefore(long taskId, Instant notBefore);

    void setPlan(long taskId, String plan, Instant at);

    void setAgentOptions(long taskId, dev.dobby.protocol.AgentOptions agent, Instant at);

    void recordExit(long taskId, Integer exitCode);

    /** Claim the best task {@code spec} allows: pending to running plus a new attempt, in one statement pair. */
    Optional<Claimed> claimNext(ClaimSpec spec);

    void recordProcess(long attemptId, long pid, Instant processStart);

    /** Where a batch scheduler placed the attempt, as the JSON of a {@code Placement}; replaces the previous one. */
    void recordPlacement(long attemptId, String placementJson);

    /** Extend the leases of the worker's running attempts to at least {@code until}; each counts as confirmed. */
    void renewLeases(String worker, Collection<Long> attemptIds, Instant now, Instant until);

    void endAttempt(long attemptId, AttemptRecord.State state, String outcomeJson, Instant at);

    /** Extend every running attempt's lease to at least {@code until}: the grace a restarted hub gives. */
    void extendAllLeases(Instant until);

    /** Append lines, each taking the next sequence number; returns them as stored. */
    List<LogLine> appendLogs(long taskId, int attempt, List<OutputLine> lines);

    /** Record that chunks up to {@code chunks} were applied, which stored {@code lines} more output lines. */
    void logChunkApplied(long attemptId, long chunks, int lines);

    void setProgress(long attemptId, String progressJson);

    /** Insert steps, replacing any with the same task, attempt and index. */
    void upsertFlowSteps(long taskId, int attempt, List<dev.dobby.protocol.FlowStep> steps);

    void upsertUsage(List<dev.dobby.protocol.UsageWindow> usage);

    void insertResult(TaskResult result);

    void insertProject(Project project, Instant at);

    void updateProject(Project project, Instant at);

    long insertBatch(String name, Instant at);

    void upsertSpoke(SpokeRecord spoke);

    /** Keep a single-use enrolment token (its hash) for {@code spokeId}; expired ones are dropped meanwhile. */
    void insertEnrolmentToken(String tokenHash, String spokeId, java.time.Instant createdAt, java.time.Instant expiresAt);

    /** Spend the token if it is {@code spokeId}'s, unused and not expired at {@code now}; whether it was. */
    boolean spendEnrolmentToken(String tokenHash, String spokeId, java.time.Instant now);

    /** Store the event with the next sequence number; it is published once the transaction commits. */
    HubEvent record(HubEvent event);

    /** Publish an event that already has its sequence number (log lines) after commit, without storing it. */
    void publishAfterCommit(HubEvent event);

    // ---- schedules, stale detection, webhooks

    /** Store a new schedule ({@code schedule.id()} is ignored); returns its id. */
    long insertSchedule(ScheduleRecord schedule);

    /**
     * Record that {@code taskId} is the run for the firing at {@code firedFor} (null: the firing was skipped), and
     * the next firing owed.
     */
    void scheduleFired(long scheduleId, java.time.Instant firedFor, Long taskId, java.time.Instant next,
                       java.time.Instant at);

    /** Stop an active or paused schedule; false if it was already cancelled. */
    boolean cancelSchedule(long scheduleId, java.time.Instant at);

    /** Hold an active schedule (no next run); false if it was not active. */
    boolean pauseSchedule(long scheduleId, java.time.Instant at);

    /** Let a paused schedule fire again at {@code next}; false if it was not paused. */
    boolean resumeSchedule(long scheduleId, java.time.Instant next, java.time.Instant at);

    /** Mark a new task as the run of a schedule for one firing; at most one task per firing. */
    void linkScheduleRun(long taskId, long scheduleId, java.time.Instant scheduledFor, boolean catchUp);

    /** The hub received output for this attempt at {@code at}. */
    void noteOutput(long attemptId, java.time.Instant at);

    /** Owe a webhook call; false if this event already owes one to this URL. */
    boolean insertWebhook(long eventSeq, long taskId, String event, String url, String payload,
                          dev.dobby.protocol.WebhookDelivery.State state, String error, java.time.Instant at);

    void updateWebhook(long id, dev.dobby.protocol.WebhookDelivery.State state, int attempts, Integer httpStatus,
                       String error, java.time.Instant at);

    void setHubState(String key, String value);

    /** Set (or, with null, clear) how the task's next attempt continues an earlier one's session. */
    void setResume(long taskId, String resumeJson);

    // ---- the Slack bot's previews and threads, assistant calls

    /** Insert or replace a preview; an edit keeps the first {@code created_at}. */
    void putSlackPreview(dev.dobby.protocol.SlackPreview preview);

    boolean deleteSlackPreview(String channel, String ts);

    /** Forget previews first posted before {@code before}; how many. */
    int deleteSlackPreviewsBefore(Instant before);

    void putSlackThread(dev.dobby.protocol.SlackThread thread);

    /** False when it was already marked. */
    boolean markSlackThreadReported(long taskId, Instant at);

    void insertAssistantCall(dev.dobby.protocol.AssistantCall call, Instant at);
    /** Set what a task asks for in GPUs. */
    void setGpuRequest(long taskId, dev.dobby.protocol.GpuRequest request);

    /** Reserve GPUs (nvidia-smi indices) for a running attempt. */
    void setAttemptGpus(long attemptId, java.util.List<Integer> indices);

    long insertTrackedJob(dev.dobby.protocol.gpu.TrackedJob job);

    /** What the job's worker found when it polled it; {@code endedAt} set once it is over. */
    void updateTrackedJob(dev.dobby.protocol.gpu.JobUpdate update, Instant polledAt, Instant endedAt);

    void requestJobStop(long id);
}
