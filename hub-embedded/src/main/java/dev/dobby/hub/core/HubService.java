package dev.dobby.hub.core;

import dev.dobby.hub.store.Store;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Artifacts;
import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.DetailStatus;
import dev.dobby.protocol.ExportFormat;
import dev.dobby.protocol.Health;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.LogPage;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.ResultPage;
import dev.dobby.protocol.Schedule;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Stats;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPage;
import dev.dobby.protocol.TaskPatch;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.WebhookDelivery;
import dev.dobby.protocol.event.HubEvent;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The hub's {@link HubApi} in-process: what the HTTP routes and the desktop app call. */
public final class HubService implements HubApi {
    private final Store store;
    private final EventBus bus;
    private final TaskCommands tasks;
    private final BatchCommands batches;
    private final ProjectCommands projects;
    private final Queries queries;
    private final ArtifactStore artifacts;
    private final Clock clock;
    private final Instant startedAt;
    private final String version;
    private final Workflows workflows;
    private final SlackLedger slack;

    public HubService(Store store, EventBus bus, TaskCommands tasks, BatchCommands batches, ProjectCommands projects,
                      Queries queries, ArtifactStore artifacts, Clock clock, String version, Workflows workflows) {
        this.store = store;
        this.bus = bus;
        this.tasks = tasks;
        this.batches = batches;
        this.projects = projects;
        this.queries = queries;
        this.artifacts = artifacts;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.version = version;
        this.workflows = workflows;
        this.slack = new SlackLedger(store, clock);
    }

    private volatile dev.dobby.hub.core.gpu.GpuService gpus;

    /** Where GPU state and tracked jobs live. */
    public void gpus(dev.dobby.hub.core.gpu.GpuService value) {
        this.gpus = value;
    }

    @Override
    public List<dev.dobby.protocol.gpu.WorkerGpus> gpus() {
        return gpus.current();
    }

    @Override
    public dev.dobby.protocol.gpu.GpuHistory gpuHistory(String worker, Integer gpu, Instant since) {
        return gpus.history(worker, gpu, since);
    }

    @Override
    public dev.dobby.protocol.gpu.TrackedJob trackJob(dev.dobby.protocol.gpu.NewTrackedJob request) {
        return gpus.jobs().track(request);
    }

    @Override
    public List<dev.dobby.protocol.gpu.TrackedJob> jobs(Long taskId) {
        return gpus.jobs().list(taskId);
    }

    /** One tracked job. */
    public dev.dobby.protocol.gpu.TrackedJob job(long id) {
        return gpus.jobs().get(id);
    }

    @Override
    public dev.dobby.protocol.gpu.TrackedJob stopJob(long id) {
        return gpus.jobs().stop(id);
    }

    @Override
    public Task createTask(NewTask request) {
        return tasks.create(request);
    }

    @Override
    public TaskPage listTasks(TaskQuery query) {
        return queries.tasks(query);
    }

    @Override
    public Task getTask(long id) {
        return queries.task(id);
    }

    @Override
    public Task updateTask(long id, TaskPatch patch) {
        return tasks.update(id, patch);
    }

    @Override
    public Task retryTask(long id, boolean cascade) {
        return tasks.retry(id, cascade);
    }

    @Override
    public Task resumeTask(long id, String message) {
        return tasks.resume(id, message);
    }

    @Override
    public Task cancelTask(long id) {
        return tasks.cancel(id);
    }

    @Override
    public LogPage logs(long taskId, long afterSeq, int limit) {
        return queries.logs(taskId, afterSeq, limit);
    }

    @Override
    public DetailStatus detailStatus(long taskId) {
        return queries.detailStatus(taskId);
    }

    @Override
    public Artifacts artifacts(long taskId) {
        queries.task(taskId);
        return artifacts.list(taskId);
    }

    @Override
    public dev.dobby.protocol.Flow flow(long taskId) {
        return queries.flow(taskId);
    }

    @Override
    public dev.dobby.protocol.transcript.Transcript transcript(long taskId, Integer attempt, int from) {
        return queries.transcript(taskId, attempt, from);
    }

    @Override
    public Project registerProject(NewProject request) {
        return projects.register(request);
    }

    @Override
    public Project updateProject(String name, ProjectPolicy change) {
        return projects.updatePolicy(name, change);
    }

    @Override
    public List<Project> projects() {
        return queries.projects();
    }

    @Override
    public Project getProject(String name) {
        return queries.project(name);
    }

    @Override
    public ResultPage results(String project, int limit, int offset) {
        return queries.results(project, limit, offset);
    }

    @Override
    public TaskResult result(long taskId) {
        return queries.result(taskId);
    }

    @Override
    public BatchStatus createBatch(NewBatch request) {
        return batches.create(request);
    }

    @Override
    public BatchStatus batch(long batchId) {
        return batches.status(batchId);
    }

    @Override
    public List<BatchStatus> batches(int limit) {
        return batches.recent(limit);
    }

    @Override
    public List<Spoke> spokes() {
        return queries.spokes();
    }

    @Override
    public Stats stats() {
        DispatchGate g = gate;
        return store.read(tx -> {
            Stats stats = StatsReport.of(tx, clock.instant(), ZoneId.systemDefault());
            return g == null ? stats : new Stats(stats.tasks(), stats.byStatus(), stats.byProject(), stats.tokensIn(),
                    stats.tokensOut(), stats.costUsd(), stats.avgDurationSeconds(), stats.timeZone(),
                    stats.usageByProject(), stats.days(), g.budgets().report(tx));
        });
    }

    private volatile DispatchGate gate;

    /** The kill switch and budgets this hub enforces (for /pause and the budgets in /stats). */
    public void gate(DispatchGate value) {
        this.gate = value;
    }

    private DispatchGate requireGate() {
        DispatchGate g = gate;
        if (g == null) {
            throw new IllegalStateException("this hub has no kill switch");
        }
        return g;
    }

    @Override
    public dev.dobby.protocol.PauseState pause(dev.dobby.protocol.PauseRequest request) {
        return requireGate().pauses().pause(request);
    }

    @Override
    public dev.dobby.protocol.PauseState unpause(dev.dobby.protocol.PauseRequest request) {
        return requireGate().pauses().unpause(request);
    }

    @Override
    public dev.dobby.protocol.PauseState pauseState() {
        return requireGate().pauses().state();
    }

    @Override
    public dev.dobby.protocol.Activity activity(int days) {
        return queries.activity(days, ZoneId.systemDefault());
    }

    @Override
    public List<dev.dobby.protocol.UsageWindow> usage() {
        return queries.usage();
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        return new Health("ok", version, startedAt, Duration.between(startedAt, now).toMillis() / 1000.0,
                ZoneId.systemDefault().getId());
    }

    @Override
    public Schedule createSchedule(NewTask request) {
        return workflows.createSchedule(request);
    }

    @Override
    public List<Schedule> schedules(String project) {
        return workflows.schedules(project);
    }

    @Override
    public Schedule schedule(long id) {
        return workflows.schedule(id);
    }

    @Override
    public Schedule cancelSchedule(long id) {
        return workflows.cancelSchedule(id);
    }

    @Override
    public Schedule pauseSchedule(long id) {
        return workflows.pauseSchedule(id);
    }

    @Override
    public Schedule resumeSchedule(long id) {
        return workflows.resumeSchedule(id);
    }

    @Override
    public dev.dobby.protocol.TaskPage scheduleRuns(long id, int limit, int offset) {
        return workflows.scheduleRuns(id, limit, offset);
    }

    @Override
    public dev.dobby.protocol.SchedulePreview previewSchedule(String cron, String every, int count) {
        return workflows.previewSchedule(cron, every, count);
    }

    @Override
    public dev.dobby.protocol.Costs costs(int days, String project) {
        return queries.costs(days, project, ZoneId.systemDefault());
    }

    @Override
    public void export(ExportFormat format, String project, OutputStream out) {
        workflows.export(format, project, out);
    }

    @Override
    public List<WebhookDelivery> webhookDeliveries(int limit) {
        return workflows.webhookDeliveries(limit);
    }

    @Override
    public dev.dobby.protocol.SlackPreview putSlackPreview(dev.dobby.protocol.SlackPreview preview) {
        return slack.putPreview(preview);
    }

    @Override
    public dev.dobby.protocol.SlackPreview slackPreview(String channel, String ts, String threadTs) {
        return slack.preview(channel, ts, threadTs);
    }

    @Override
    public dev.dobby.protocol.SlackPreview takeSlackPreview(String channel, String ts) {
        return slack.takePreview(channel, ts);
    }

    @Override
    public dev.dobby.protocol.SlackThread putSlackThread(dev.dobby.protocol.SlackThread thread) {
        return slack.putThread(thread);
    }

    @Override
    public List<dev.dobby.protocol.SlackThread> unreportedSlackThreads() {
        return slack.unreported();
    }

    @Override
    public dev.dobby.protocol.SlackThread slackThread(long taskId) {
        return slack.thread(taskId);
    }

    @Override
    public dev.dobby.protocol.SlackThread markSlackThreadReported(long taskId) {
        return slack.markReported(taskId);
    }

    @Override
    public dev.dobby.protocol.AssistantCosts recordAssistantCall(dev.dobby.protocol.AssistantCall call) {
        return slack.record(call);
    }

    @Override
    public dev.dobby.protocol.AssistantCosts assistantCosts() {
        return slack.costs();
    }

    private volatile Enrolments enrolments;

    /** Single-use enrolment tokens for provisioned spokes. */
    public void enrolments(Enrolments value) {
        this.enrolments = value;
    }

    @Override
    public dev.dobby.protocol.Enrolment mintEnrolment(dev.dobby.protocol.NewEnrolment request) {
        Enrolments e = enrolments;
        if (e == null) {
            throw ApiException.notImplemented("this hub mints no enrolment tokens");
        }
        return e.mint(request);
    }

    private volatile SessionCommands sessions;

    /** Remote Control sessions (see docs/remote.md). */
    public void sessions(SessionCommands value) {
        this.sessions = value;
    }

    private SessionCommands requireSessions() {
        SessionCommands s = sessions;
        if (s == null) {
            throw ApiException.notImplemented("this hub runs no Remote Control sessions");
        }
        return s;
    }

    @Override
    public dev.dobby.protocol.Session openSession(dev.dobby.protocol.NewSession request) {
        return requireSessions().open(request);
    }

    @Override
    public List<dev.dobby.protocol.Session> sessions(boolean activeOnly) {
        return requireSessions().list(activeOnly);
    }

    @Override
    public dev.dobby.protocol.Session session(long id) {
        return requireSessions().get(id);
    }

    /** A feed of events for a caller that reads them itself (the SSE routes). */
    public EventFeed openFeed(EventFilter filter) {
        if (filter.taskId() != null) {
            queries.task(filter.taskId());
        }
        if (filter.afterSeq() != null && filter.afterSeq() < 0) {
            throw ApiException.badRequest("Last-Event-ID must be a non-negative sequence number");
        }
        return new EventFeed(store, bus, filter);
    }

    @Override
    public Subscription subscribe(EventFilter filter, EventListener listener) {
        EventFeed feed = openFeed(filter);
        AtomicBoolean closed = new AtomicBoolean();
        Thread reader = Thread.ofVirtual().name("dobby-subscription").start(() -> {
            Throwable failure = null;
            try (feed) {
                while (!closed.get()) {
                    HubEvent event = feed.next(1, TimeUnit.SECONDS);
                    if (event != null && !closed.get()) {
                        listener.onEvent(event);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            }
            listener.onClose(failure);
        });
        return () -> {
            if (closed.compareAndSet(false, true)) {
                reader.interrupt();
            }
        };
    }
}
