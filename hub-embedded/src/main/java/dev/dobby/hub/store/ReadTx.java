package dev.dobby.hub.store;

import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.LogPage;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ResultPage;
import dev.dobby.protocol.Stats;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPage;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.event.HubEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the hub can read from its store. */
public interface ReadTx {

    Optional<Task> task(long id);

    /** The tasks with these ids that exist, in id order. */
    List<Task> tasks(Collection<Long> ids);

    TaskPage findTasks(TaskQuery query);

    /** The tasks of backend {@code session}, newest first; {@code activeOnly}: only pending and running ones. */
    List<Task> sessionTasks(boolean activeOnly, int limit);

    /** Ids of the tasks that list {@code parentId} in their depends_on. */
    List<Long> children(long parentId);

    /** The project's newest task that is pending, blocked or running, if any. */
    Optional<Long> latestActiveTask(String project);

    /** Number of running tasks per project, for projects with any. */
    Map<String, Integer> runningByProject();

    long countPending();

    /** Workers named as the target of some pending task. */
    java.util.Set<String> pendingTargets();

    Stats stats();

    Optional<Project> project(String name);

    List<Project> projects();

    Optional<AttemptRecord> attempt(long attemptId);

    Optional<AttemptRecord> latestAttempt(long taskId);

    /** The JSON of the latest {@code Placement} a worker reported for the attempt (a Slurm job), if any. */
    Optional<String> placement(long attemptId);

    List<AttemptRecord> runningAttempts();

    /** How many of the task's attempts their worker confirmed, ended or not. */
    int confirmedAttempts(long taskId);

    Optional<TaskResult> result(long taskId);

    ResultPage results(String project, int limit, int offset);

    LogPage logs(long taskId, long afterSeq, int limit);

    Optional<LogLine> lastLogLine(long taskId);

    long logLineCount(long taskId);

    /**
     * Recorded events after {@code afterSeq}, oldest first, at most {@code limit}; for one task if {@code taskId}
     * is set. With {@code includeLogs}, log lines in the same range come back as {@code task.log} events in
     * their place in the sequence.
     */
    List<HubEvent> events(long afterSeq, Long taskId, boolean includeLogs, int limit);

    /** The task's flow steps, latest attempt first filtered by the caller as it likes. */
    List<dev.dobby.protocol.FlowStep> flow(long taskId);

    /** Project, end status and end time of every task that ended at or after {@code since}. */
    List<Ended> endedSince(java.time.Instant since);

    record Ended(String project, dev.dobby.protocol.TaskStatus status, java.time.Instant finishedAt) {
    }

    List<dev.dobby.protocol.UsageWindow> usage();

    Optional<BatchRecord> batch(long id);

    /** The newest {@code limit} batches, newest first. */
    List<BatchRecord> batches(int limit);

    /** Every task of these batches, in id order. */
    List<Task> batchTasks(Collection<Long> batchIds);

    List<SpokeRecord> spokes();

    Optional<SpokeRecord> spoke(String id);

    /** The highest sequence number handed out so far. */
    long lastSeq();

    // ---- schedules, stale detection, stats, export, webhooks

    Optional<ScheduleRecord> schedule(long id);

    /** Schedules, newest first; {@code project} null for all. */
    List<ScheduleRecord> schedules(String project);

    /** Active schedules whose next run is due at {@code now}, the most overdue first. */
    List<ScheduleRecord> dueSchedules(java.time.Instant now);

    /** The tasks a schedule queued, newest first. */
    dev.dobby.protocol.TaskPage scheduleRuns(long scheduleId, int limit, int offset);

    /**
     * Per calendar day in {@code zone} and project ({@code project} null for all), what the attempts that ended at
     * or after {@code since} used; oldest day first.
     */
    List<dev.dobby.protocol.Costs.Day> costs(java.time.Instant since, java.time.ZoneId zone, String project);

    /** When the hub last received output for this attempt, if it did. */
    Optional<java.time.Instant> lastOutputAt(long attemptId);

    /** Tokens, cost and run time of finished attempts per project. */
    Map<String, Stats.Usage> usageByProject();

    /** Per calendar day in {@code zone}, what the attempts that ended at or after {@code since} used; oldest first. */
    List<Stats.Day> days(java.time.Instant since, java.time.ZoneId zone);

    /** Up to {@code limit} tasks with ids above {@code afterId}, in id order, each with its latest result. */
    List<dev.dobby.protocol.ExportRow> exportPage(String project, long afterId, int limit);

    /** Deliveries still to make, oldest first. */
    List<WebhookRecord> pendingWebhooks(int limit);

    /** The latest deliveries, newest first. */
    List<dev.dobby.protocol.WebhookDelivery> webhookDeliveries(int limit);

    /**
     * What each project has spent since {@code since}, in US dollars: the cost of results recorded since then plus
     * what its running attempts have cost so far (as their last progress report says).
     */
    Map<String, Double> costSince(java.time.Instant since);

    /** A value the hub kept between runs. */
    Optional<String> hubState(String key);

    /** How the task's next attempt is to continue an earlier one's agent session (JSON), if it is. */
    Optional<String> resume(long taskId);

    /** How many of the task's attempts ended on a usage limit (they do not count against its retries). */
    int rateLimitedAttempts(long taskId);

    // ---- the Slack bot's previews and threads, assistant calls

    Optional<dev.dobby.protocol.SlackPreview> slackPreview(String channel, String ts);

    /** The newest pending preview in a thread. */
    Optional<dev.dobby.protocol.SlackPreview> slackPreviewInThread(String channel, String threadTs);

    Optional<dev.dobby.protocol.SlackThread> slackThread(long taskId);

    List<dev.dobby.protocol.SlackThread> unreportedSlackThreads(int limit);

    dev.dobby.protocol.AssistantCosts assistantCosts(Instant since);
    // ---- GPUs and tracked jobs

    /** The running attempts on {@code worker} that hold GPUs. */
    java.util.List<GpuHolder> gpuHolders(String worker);

    /** Running attempts that hold GPUs, on every worker, by worker. */
    java.util.Map<String, java.util.List<GpuHolder>> allGpuHolders();

    /** Pending tasks that ask for GPUs. */
    java.util.List<PendingGpuTask> pendingGpuTasks();

    java.util.Optional<dev.dobby.protocol.gpu.TrackedJob> trackedJob(long id);

    /** Tracked jobs, newest first: of one task, or all (at most {@code limit}) when {@code taskId} is null. */
    java.util.List<dev.dobby.protocol.gpu.TrackedJob> trackedJobs(Long taskId, int limit);

    /** The jobs {@code worker} must still poll. */
    java.util.List<dev.dobby.protocol.gpu.TrackedJob> runningJobs(String worker);
}
