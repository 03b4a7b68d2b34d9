package dev.dobby.protocol;

import dev.dobby.protocol.event.HubEvent;
import java.io.OutputStream;
import java.util.List;

/**
 * Everything a person or program can ask of the hub. The hub implements it in-process (the desktop app uses
 * that), the HTTP API exposes it route by route, and {@link dev.dobby.protocol.client.HubHttpClient} implements
 * it over HTTP for the CLI, MCP server and Slack bot.
 *
 * <p>Refusals are {@link ApiException}s carrying the HTTP status that describes them (400 bad input, 404 unknown
 * id, 409 not possible in the current state).
 */
public interface HubApi {

    /** Queue one task. A request with {@code cron} or {@code every} is a schedule: use {@link #createSchedule}. */
    Task createTask(NewTask request);

    TaskPage listTasks(TaskQuery query);

    Task getTask(long id);

    Task updateTask(long id, TaskPatch patch);

    /** Queue an ended task again; with {@code cascade}, also re-open the descendants it kept blocked. */
    Task retryTask(long id, boolean cascade);

    Task cancelTask(long id);

    /**
     * Queue an ended agent task again so that it continues its agent's session (on the worker that ran it) instead
     * of starting over; {@code message} (optional) is what the agent is told, e.g. "continue, but skip the
     * migration".
     */
    Task resumeTask(long id, String message);

    /** Lines after {@code afterSeq} (0 for the start), at most {@code limit}. */
    LogPage logs(long taskId, long afterSeq, int limit);

    DetailStatus detailStatus(long taskId);

    Artifacts artifacts(long taskId);

    /** The agent's steps so far, for flow views. */
    Flow flow(long taskId);

    /**
     * The task's log read as a readable agent transcript, from entry {@code from} on (0 for all of it; pass the
     * previous answer's {@code open_from} to follow a running task); {@code attempt} null for every attempt.
     */
    dev.dobby.protocol.transcript.Transcript transcript(long taskId, Integer attempt, int from);

    Project registerProject(NewProject request);

    List<Project> projects();

    Project getProject(String name);

    /** Change a project's policy; fields left null keep their value. */
    Project updateProject(String name, ProjectPolicy policy);

    ResultPage results(String project, int limit, int offset);

    TaskResult result(long taskId);

    BatchStatus createBatch(NewBatch request);

    BatchStatus batch(long batchId);

    /** The newest {@code limit} batches, newest first, each with its tasks (and so their {@code after} edges). */
    List<BatchStatus> batches(int limit);

    List<Spoke> spokes();

    Stats stats();

    /** Tasks ended per project per day over the last {@code days} days (the hub's calendar). */
    Activity activity(int days);

    /** The latest rate-limit figures agents reported, per account and window. */
    List<UsageWindow> usage();

    Health health();

    // ---- the kill switch

    /** Stop dispatching (the whole hub, or {@code request.project()}); the state after the change. */
    default PauseState pause(PauseRequest request) {
        throw new UnsupportedOperationException("pause");
    }

    /** Dispatch again (the whole hub and every project, or only {@code request.project()}). */
    default PauseState unpause(PauseRequest request) {
        throw new UnsupportedOperationException("unpause");
    }

    /** Whether dispatch is paused, and for what. */
    default PauseState pauseState() {
        throw new UnsupportedOperationException("pauseState");
    }

    // ---- GPUs and tracked jobs (see docs/gpus.md)

    /** Every worker's GPUs as last sampled, with their processes and reservations. */
    default List<dev.dobby.protocol.gpu.WorkerGpus> gpus() {
        throw new UnsupportedOperationException("gpus");
    }

    /** GPU history since {@code since} (null: all kept); {@code worker} and {@code gpu} null for every one. */
    default dev.dobby.protocol.gpu.GpuHistory gpuHistory(String worker, Integer gpu, java.time.Instant since) {
        throw new UnsupportedOperationException("gpuHistory");
    }

    /** Track a long job a task started; its worker polls it until it ends. */
    default dev.dobby.protocol.gpu.TrackedJob trackJob(dev.dobby.protocol.gpu.NewTrackedJob request) {
        throw new UnsupportedOperationException("trackJob");
    }

    /** Tracked jobs, newest first: of one task, or all when {@code taskId} is null. */
    default List<dev.dobby.protocol.gpu.TrackedJob> jobs(Long taskId) {
        throw new UnsupportedOperationException("jobs");
    }

    /** Ask the job's worker to stop it (a signal to its process group, or scancel). */
    default dev.dobby.protocol.gpu.TrackedJob stopJob(long id) {
        throw new UnsupportedOperationException("stopJob");
    }

    // ---- Remote Control sessions (docs/remote.md)

    /** Ask for a Remote Control session: a task of backend {@code session}, dispatched to a worker that can run it. */
    default Session openSession(NewSession request) {
        throw new UnsupportedOperationException("openSession");
    }

    /** Sessions, newest first; {@code activeOnly}: only those waiting for a worker or running. */
    default List<Session> sessions(boolean activeOnly) {
        throw new UnsupportedOperationException("sessions");
    }

    default Session session(long id) {
        throw new UnsupportedOperationException("session");
    }

    /** Mint a single-use, short-lived enrolment token for one spoke id (dobby deploy). */
    default Enrolment mintEnrolment(NewEnrolment request) {
        throw new UnsupportedOperationException("mintEnrolment");
    }

    // ---- schedules, export, webhooks

    // ---- the Slack bot's pending previews and threads, and the cost of Dobby's own model calls

    /** Keep (or replace, same channel and ts) a pending preview; the stored one, with its first creation time. */
    default SlackPreview putSlackPreview(SlackPreview preview) {
        throw new UnsupportedOperationException("putSlackPreview");
    }

    /** The pending preview posted at {@code ts}, or (ts null) the latest one in {@code threadTs}; 404 when none. */
    default SlackPreview slackPreview(String channel, String ts, String threadTs) {
        throw new UnsupportedOperationException("slackPreview");
    }

    /** Take a pending preview out, once: the caller that gets it acts on it, a second call gets 404. */
    default SlackPreview takeSlackPreview(String channel, String ts) {
        throw new UnsupportedOperationException("takeSlackPreview");
    }

    /** Remember the thread a task was asked for in. */
    default SlackThread putSlackThread(SlackThread thread) {
        throw new UnsupportedOperationException("putSlackThread");
    }

    /** Threads of tasks whose end has not been reported yet, oldest first. */
    default List<SlackThread> unreportedSlackThreads() {
        throw new UnsupportedOperationException("unreportedSlackThreads");
    }

    /** The thread of a task; 404 when it was not asked for in Slack. */
    default SlackThread slackThread(long taskId) {
        throw new UnsupportedOperationException("slackThread");
    }

    /** Mark a task's end as reported; 409 when it already was (another bot process did it). */
    default SlackThread markSlackThreadReported(long taskId) {
        throw new UnsupportedOperationException("markSlackThreadReported");
    }

    default AssistantCosts recordAssistantCall(AssistantCall call) {
        throw new UnsupportedOperationException("recordAssistantCall");
    }

    default AssistantCosts assistantCosts() {
        throw new UnsupportedOperationException("assistantCosts");
    }

    /**
     * Create a schedule from a request with {@code cron} or {@code every} (exactly one); each firing queues one run
     * of the task. Over HTTP this is POST /tasks, which answers with the schedule.
     */
    Schedule createSchedule(NewTask request);

    /** Schedules, newest first; {@code project} null for every project. */
    List<Schedule> schedules(String project);

    Schedule schedule(long id);

    /** Stop a schedule: it queues no further runs (runs already queued are left alone). */
    Schedule cancelSchedule(long id);

    /** Hold a schedule: no runs until {@link #resumeSchedule}. */
    default Schedule pauseSchedule(long id) {
        throw new UnsupportedOperationException("pauseSchedule");
    }

    /** Let a paused schedule fire again, from its next firing after now (firings missed while paused are skipped). */
    default Schedule resumeSchedule(long id) {
        throw new UnsupportedOperationException("resumeSchedule");
    }

    /** The tasks a schedule has queued, newest first. */
    default TaskPage scheduleRuns(long id, int limit, int offset) {
        throw new UnsupportedOperationException("scheduleRuns");
    }

    /**
     * When a schedule with this {@code cron} or {@code every} (exactly one) would fire next, {@code count} times;
     * a 400 names what is wrong with the expression, as creating the schedule would.
     */
    default SchedulePreview previewSchedule(String cron, String every, int count) {
        throw new UnsupportedOperationException("previewSchedule");
    }

    /** Tokens and cost per project per day over the last {@code days} days; {@code project} null for all. */
    default Costs costs(int days, String project) {
        throw new UnsupportedOperationException("costs");
    }

    /**
     * Write every task (of {@code project}, or all when null) joined with its latest result to {@code out}, oldest
     * first, page by page as it is read: nothing is built up in memory. {@code out} is not closed.
     */
    void export(ExportFormat format, String project, OutputStream out);

    /** The latest webhook deliveries, newest first, at most {@code limit}. */
    List<WebhookDelivery> webhookDeliveries(int limit);

    /**
     * Deliver events to {@code listener} until the subscription is closed. See {@link EventFilter} for what is
     * replayed first.
     */
    Subscription subscribe(EventFilter filter, EventListener listener);

    /**
     * Which events to stream.
     *
     * @param taskId      only this task's events (with its log lines); null for the whole hub
     * @param includeLogs for the whole hub: include every task's log lines too
     * @param afterSeq    replay events after this sequence number first; null means: for a task, its whole
     *                    history; for the whole hub, nothing (live events only)
     */
    record EventFilter(Long taskId, boolean includeLogs, Long afterSeq) {
        public static EventFilter hub() {
            return new EventFilter(null, false, null);
        }

        public static EventFilter task(long taskId) {
            return new EventFilter(taskId, true, null);
        }

        public EventFilter after(long seq) {
            return new EventFilter(taskId, includeLogs, seq);
        }
    }

    interface EventListener {
        void onEvent(HubEvent event);

        /**
         * The stream ended: closed by the caller ({@code error} null) or lost. A listener that falls too far behind
         * is also cut off, with an error; subscribe again after the last seq it saw to catch up.
         */
        default void onClose(Throwable error) {
        }
    }

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
