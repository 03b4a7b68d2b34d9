package dev.dobby.protocol.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dobby.protocol.Activity;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Artifacts;
import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.DetailStatus;
import dev.dobby.protocol.ErrorBody;
import dev.dobby.protocol.ExportFormat;
import dev.dobby.protocol.Flow;
import dev.dobby.protocol.Health;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.HubUnreachableException;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.LogPage;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.ResultPage;
import dev.dobby.protocol.Routes;
import dev.dobby.protocol.Schedule;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Stats;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPage;
import dev.dobby.protocol.TaskPatch;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.UrlCodec;
import dev.dobby.protocol.UsageWindow;
import dev.dobby.protocol.WebhookDelivery;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * {@link HubApi} over HTTP. Built on {@link HttpURLConnection} on purpose: it costs almost nothing to load, which
 * keeps short-lived CLI commands fast, and it reuses connections between calls.
 */
public final class HubHttpClient implements HubApi {
    public static final String DEFAULT_URL = "http://127.0.0.1:8420";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final HubUrls urls;
    private final String apiKey;
    private final ObjectMapper json = Json.lenient();

    /** @param baseUrl the hub's URL, or several separated by commas (a team hub's leader and standbys) */
    public HubHttpClient(String baseUrl, String apiKey) {
        this.urls = new HubUrls(baseUrl, HubHttpClient::normalize);
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    /** The hub this client talks to now (of several: the one that answered last). */
    public String baseUrl() {
        return urls.current();
    }

    String apiKey() {
        return apiKey;
    }

    static String normalize(String url) {
        String trimmed = url == null || url.isBlank() ? DEFAULT_URL : url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = URI.create(trimmed);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("hub URL must look like http://host:port, not '" + url + "'");
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("hub URL")) {
                throw e;
            }
            throw new IllegalArgumentException("hub URL must look like http://host:port, not '" + url + "'", e);
        }
        return trimmed;
    }

    // ---- tasks

    @Override
    public Task createTask(NewTask request) {
        if (request != null && request.isSchedule()) {
            throw ApiException.badRequest("a task with cron or every is a schedule: create it with createSchedule");
        }
        return send("POST", Routes.TASKS, request, Task.class);
    }

    @Override
    public TaskPage listTasks(TaskQuery query) {
        Query q = new Query();
        if (!query.statuses().isEmpty()) {
            q.add("status", query.statuses().stream().map(TaskStatus::wire).collect(Collectors.joining(",")));
        }
        q.add("project", query.project());
        q.add("since", query.since() == null ? null : query.since().toString());
        q.add("q", query.text());
        q.add("batch", query.batchId() == null ? null : query.batchId().toString());
        q.add("finished_from", query.finishedFrom() == null ? null : query.finishedFrom().toString());
        q.add("finished_to", query.finishedTo() == null ? null : query.finishedTo().toString());
        q.add("limit", Integer.toString(query.limit()));
        q.add("offset", Integer.toString(query.offset()));
        return send("GET", Routes.TASKS + q, null, TaskPage.class);
    }

    @Override
    public Task getTask(long id) {
        return send("GET", Routes.path(Routes.TASK, id), null, Task.class);
    }

    @Override
    public Task updateTask(long id, TaskPatch patch) {
        return send("PATCH", Routes.path(Routes.TASK, id), patch, Task.class);
    }

    @Override
    public Task retryTask(long id, boolean cascade) {
        return send("POST", Routes.path(Routes.TASK_RETRY, id), Map.of("cascade", cascade), Task.class);
    }

    @Override
    public Task resumeTask(long id, String message) {
        return send("POST", Routes.path(Routes.TASK_RESUME, id),
                message == null ? Map.of() : Map.of("message", message), Task.class);
    }

    @Override
    public Task cancelTask(long id) {
        return send("POST", Routes.path(Routes.TASK_CANCEL, id), Map.of(), Task.class);
    }

    @Override
    public dev.dobby.protocol.Session openSession(dev.dobby.protocol.NewSession request) {
        return send("POST", Routes.SESSIONS, request, dev.dobby.protocol.Session.class);
    }

    @Override
    public List<dev.dobby.protocol.Session> sessions(boolean activeOnly) {
        return send("GET", Routes.SESSIONS + (activeOnly ? "?active=true" : ""), null,
                new TypeReference<List<dev.dobby.protocol.Session>>() { });
    }

    @Override
    public dev.dobby.protocol.Enrolment mintEnrolment(dev.dobby.protocol.NewEnrolment request) {
        return send("POST", Routes.ENROLMENTS, request, dev.dobby.protocol.Enrolment.class);
    }

    @Override
    public dev.dobby.protocol.Session session(long id) {
        return send("GET", Routes.path(Routes.SESSION, id), null, dev.dobby.protocol.Session.class);
    }

    @Override
    public LogPage logs(long taskId, long afterSeq, int limit) {
        String path = Routes.path(Routes.TASK_LOGS, taskId) + "?after=" + afterSeq + "&limit=" + limit;
        return send("GET", path, null, LogPage.class);
    }

    @Override
    public DetailStatus detailStatus(long taskId) {
        return send("GET", Routes.path(Routes.TASK_DETAIL_STATUS, taskId), null, DetailStatus.class);
    }

    @Override
    public Artifacts artifacts(long taskId) {
        return send("GET", Routes.path(Routes.TASK_ARTIFACTS, taskId), null, Artifacts.class);
    }

    @Override
    public Flow flow(long taskId) {
        return send("GET", Routes.path(Routes.TASK_FLOW, taskId), null, Flow.class);
    }

    @Override
    public dev.dobby.protocol.transcript.Transcript transcript(long taskId, Integer attempt, int from) {
        String path = Routes.path(Routes.TASK_TRANSCRIPT, taskId) + "?from=" + from
                + (attempt == null ? "" : "&attempt=" + attempt);
        return send("GET", path, null, dev.dobby.protocol.transcript.Transcript.class);
    }

    // ---- projects, results, batches

    @Override
    public Project registerProject(NewProject request) {
        return send("POST", Routes.PROJECTS, request, Project.class);
    }

    @Override
    public List<Project> projects() {
        return send("GET", Routes.PROJECTS, null, new TypeReference<List<Project>>() { });
    }

    @Override
    public Project getProject(String name) {
        return send("GET", Routes.path(Routes.PROJECT, name), null, Project.class);
    }

    @Override
    public Project updateProject(String name, ProjectPolicy policy) {
        return send("PATCH", Routes.path(Routes.PROJECT, name), Map.of("policy", policy), Project.class);
    }

    @Override
    public ResultPage results(String project, int limit, int offset) {
        Query q = new Query();
        q.add("project", project);
        q.add("limit", Integer.toString(limit));
        q.add("offset", Integer.toString(offset));
        return send("GET", Routes.RESULTS + q, null, ResultPage.class);
    }

    @Override
    public TaskResult result(long taskId) {
        return send("GET", Routes.path(Routes.RESULT, taskId), null, TaskResult.class);
    }

    @Override
    public BatchStatus createBatch(NewBatch request) {
        return send("POST", Routes.BATCHES, request, BatchStatus.class);
    }

    @Override
    public BatchStatus batch(long batchId) {
        return send("GET", Routes.path(Routes.BATCH, batchId), null, BatchStatus.class);
    }

    @Override
    public List<BatchStatus> batches(int limit) {
        return send("GET", Routes.BATCHES + "?limit=" + limit, null, new TypeReference<List<BatchStatus>>() { });
    }

    @Override
    public List<Spoke> spokes() {
        return send("GET", Routes.SPOKES, null, new TypeReference<List<Spoke>>() { });
    }

    @Override
    public Stats stats() {
        return send("GET", Routes.STATS, null, Stats.class);
    }

    @Override
    public Activity activity(int days) {
        return send("GET", Routes.ACTIVITY + "?days=" + days, null, Activity.class);
    }

    @Override
    public List<UsageWindow> usage() {
        return send("GET", Routes.USAGE, null, new TypeReference<List<UsageWindow>>() { });
    }

    @Override
    public Health health() {
        return send("GET", Routes.HEALTH, null, Health.class);
    }

    @Override
    public dev.dobby.protocol.PauseState pause(dev.dobby.protocol.PauseRequest request) {
        return send("POST", Routes.PAUSE, request == null ? dev.dobby.protocol.PauseRequest.hub() : request,
                dev.dobby.protocol.PauseState.class);
    }

    @Override
    public dev.dobby.protocol.PauseState unpause(dev.dobby.protocol.PauseRequest request) {
        return send("POST", Routes.UNPAUSE, request == null ? dev.dobby.protocol.PauseRequest.hub() : request,
                dev.dobby.protocol.PauseState.class);
    }

    @Override
    public dev.dobby.protocol.PauseState pauseState() {
        return send("GET", Routes.PAUSE, null, dev.dobby.protocol.PauseState.class);
    }

    // ---- GPUs and tracked jobs

    @Override
    public List<dev.dobby.protocol.gpu.WorkerGpus> gpus() {
        return send("GET", Routes.GPUS, null, new TypeReference<List<dev.dobby.protocol.gpu.WorkerGpus>>() { });
    }

    @Override
    public dev.dobby.protocol.gpu.GpuHistory gpuHistory(String worker, Integer gpu, java.time.Instant since) {
        Query q = new Query();
        q.add("worker", worker);
        q.add("gpu", gpu == null ? null : gpu.toString());
        q.add("since", since == null ? null : since.toString());
        return send("GET", Routes.GPUS_HISTORY + q, null, dev.dobby.protocol.gpu.GpuHistory.class);
    }

    @Override
    public dev.dobby.protocol.gpu.TrackedJob trackJob(dev.dobby.protocol.gpu.NewTrackedJob request) {
        return send("POST", Routes.JOBS, request, dev.dobby.protocol.gpu.TrackedJob.class);
    }

    @Override
    public List<dev.dobby.protocol.gpu.TrackedJob> jobs(Long taskId) {
        String q = taskId == null ? "" : "?task=" + taskId;
        return send("GET", Routes.JOBS + q, null, new TypeReference<List<dev.dobby.protocol.gpu.TrackedJob>>() { });
    }

    @Override
    public dev.dobby.protocol.gpu.TrackedJob stopJob(long id) {
        return send("POST", Routes.path(Routes.JOB_STOP, id), Map.of(), dev.dobby.protocol.gpu.TrackedJob.class);
    }

    // ---- schedules, export, webhooks

    @Override
    public Schedule createSchedule(NewTask request) {
        if (request == null || !request.isSchedule()) {
            throw ApiException.badRequest("a schedule needs cron or every");
        }
        return send("POST", Routes.TASKS, request, Schedule.class);
    }

    @Override
    public List<Schedule> schedules(String project) {
        Query q = new Query();
        q.add("project", project);
        return send("GET", Routes.SCHEDULES + q, null, new TypeReference<List<Schedule>>() { });
    }

    @Override
    public Schedule schedule(long id) {
        return send("GET", Routes.path(Routes.SCHEDULE, id), null, Schedule.class);
    }

    @Override
    public Schedule cancelSchedule(long id) {
        return send("POST", Routes.path(Routes.SCHEDULE_CANCEL, id), Map.of(), Schedule.class);
    }

    @Override
    public Schedule pauseSchedule(long id) {
        return send("POST", Routes.path(Routes.SCHEDULE_PAUSE, id), Map.of(), Schedule.class);
    }

    @Override
    public Schedule resumeSchedule(long id) {
        return send("POST", Routes.path(Routes.SCHEDULE_RESUME, id), Map.of(), Schedule.class);
    }

    @Override
    public TaskPage scheduleRuns(long id, int limit, int offset) {
        return send("GET", Routes.path(Routes.SCHEDULE_RUNS, id) + "?limit=" + limit + "&offset=" + offset, null,
                TaskPage.class);
    }

    @Override
    public dev.dobby.protocol.SchedulePreview previewSchedule(String cron, String every, int count) {
        Query q = new Query();
        q.add("cron", cron);
        q.add("every", every);
        q.add("count", String.valueOf(count));
        return send("GET", Routes.SCHEDULE_PREVIEW + q, null, dev.dobby.protocol.SchedulePreview.class);
    }

    @Override
    public dev.dobby.protocol.Costs costs(int days, String project) {
        Query q = new Query();
        q.add("days", String.valueOf(days));
        q.add("project", project);
        return send("GET", Routes.COSTS + q, null, dev.dobby.protocol.Costs.class);
    }

    /** Streams the hub's answer into {@code out} as it arrives; a failure to write there is an UncheckedIOException. */
    @Override
    public void export(ExportFormat format, String project, OutputStream out) {
        Query q = new Query();
        q.add("format", format.wire());
        q.add("project", project);
        HttpURLConnection connection = open(Routes.EXPORT + q, READ_TIMEOUT);
        try {
            connection.setRequestProperty("Accept", format.contentType());
            int status = connection.getResponseCode();
            if (status >= 400) {
                throw errorFrom(status, connection);
            }
            try (InputStream in = connection.getInputStream()) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    write(out, buffer, n);
                }
            }
        } catch (IOException e) {
            throw new HubUnreachableException(baseUrl(), e);
        }
    }

    private static void write(OutputStream out, byte[] buffer, int n) {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
        }
    }

    @Override
    public dev.dobby.protocol.SlackPreview putSlackPreview(dev.dobby.protocol.SlackPreview preview) {
        return send("POST", Routes.SLACK_PREVIEWS, preview, dev.dobby.protocol.SlackPreview.class);
    }

    @Override
    public dev.dobby.protocol.SlackPreview slackPreview(String channel, String ts, String threadTs) {
        String q = "?channel=" + UrlCodec.encodeQueryValue(channel)
                + (ts != null ? "&ts=" + UrlCodec.encodeQueryValue(ts) : "&thread=" + UrlCodec.encodeQueryValue(threadTs));
        return send("GET", Routes.SLACK_PREVIEWS + q, null, dev.dobby.protocol.SlackPreview.class);
    }

    @Override
    public dev.dobby.protocol.SlackPreview takeSlackPreview(String channel, String ts) {
        return send("DELETE", Routes.path(Routes.SLACK_PREVIEW, channel, ts), null, dev.dobby.protocol.SlackPreview.class);
    }

    @Override
    public dev.dobby.protocol.SlackThread putSlackThread(dev.dobby.protocol.SlackThread thread) {
        return send("POST", Routes.SLACK_THREADS, thread, dev.dobby.protocol.SlackThread.class);
    }

    @Override
    public List<dev.dobby.protocol.SlackThread> unreportedSlackThreads() {
        return send("GET", Routes.SLACK_THREADS + "?unreported=true", null,
                new TypeReference<List<dev.dobby.protocol.SlackThread>>() { });
    }

    @Override
    public dev.dobby.protocol.SlackThread slackThread(long taskId) {
        return send("GET", Routes.path(Routes.SLACK_THREAD, taskId), null, dev.dobby.protocol.SlackThread.class);
    }

    @Override
    public dev.dobby.protocol.SlackThread markSlackThreadReported(long taskId) {
        return send("POST", Routes.path(Routes.SLACK_THREAD_NOTIFIED, taskId), Map.of(),
                dev.dobby.protocol.SlackThread.class);
    }

    @Override
    public dev.dobby.protocol.AssistantCosts recordAssistantCall(dev.dobby.protocol.AssistantCall call) {
        return send("POST", Routes.ASSISTANT_CALLS, call, dev.dobby.protocol.AssistantCosts.class);
    }

    @Override
    public dev.dobby.protocol.AssistantCosts assistantCosts() {
        return send("GET", Routes.ASSISTANT_CALLS, null, dev.dobby.protocol.AssistantCosts.class);
    }

    @Override
    public List<WebhookDelivery> webhookDeliveries(int limit) {
        return send("GET", Routes.WEBHOOKS + "?limit=" + limit, null, new TypeReference<List<WebhookDelivery>>() { });
    }

    @Override
    public Subscription subscribe(EventFilter filter, EventListener listener) {
        String path = filter.taskId() == null
                ? Routes.EVENTS + (filter.includeLogs() ? "?logs=true" : "")
                : Routes.path(Routes.TASK_EVENTS, filter.taskId());
        return SseSubscription.start(this, path, filter.afterSeq(), listener);
    }

    // ---- plumbing

    /** GET a path and return the raw body, for callers that pass the hub's JSON through untouched. */
    public String getRaw(String pathAndQuery) {
        return exchange("GET", pathAndQuery, null, body -> new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }

    public <T> T send(String method, String path, Object body, Class<T> type) {
        return send(method, path, body, json.constructType(type));
    }

    public <T> T send(String method, String path, Object body, TypeReference<T> type) {
        return send(method, path, body, json.constructType(type));
    }

    private <T> T send(String method, String path, Object body, JavaType type) {
        return exchange(method, path, body, in -> json.readValue(in, type));
    }

    private interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    private <T> T exchange(String method, String path, Object body, BodyReader<T> reader) {
        // Each hub of the list at most twice: a standby names the leader, a dead hub is skipped.
        for (int tries = 2 * urls.size(); ; tries--) {
            String baseUrl = urls.current();
            try {
                return exchangeOnce(baseUrl, method, path, body, reader);
            } catch (NotLeader e) {
                if (tries <= 1 || !urls.follow(baseUrl, e.leader)) {
                    throw e.error;
                }
            } catch (HubUnreachableException e) {
                if (tries <= 1 || urls.size() == 1 || !(e.getCause() instanceof IOException io && HubUrls.notSent(io))) {
                    throw e;
                }
                urls.skip(baseUrl);
            }
        }
    }

    /** A 503 from a hub that does not lead; nothing was applied. */
    private static final class NotLeader extends RuntimeException {
        final ApiException error;
        final String leader;

        NotLeader(ApiException error, String leader) {
            super(error.getMessage(), null, false, false);
            this.error = error;
            this.leader = leader;
        }
    }

    private <T> T exchangeOnce(String baseUrl, String method, String path, Object body, BodyReader<T> reader) {
        HttpURLConnection connection = open(baseUrl, path, READ_TIMEOUT);
        try {
            // HttpURLConnection refuses PATCH; the hub accepts it as a POST carrying an override header.
            connection.setRequestMethod("PATCH".equals(method) ? "POST" : method);
            if ("PATCH".equals(method)) {
                connection.setRequestProperty("X-HTTP-Method-Override", "PATCH");
            }
            connection.setRequestProperty("Accept", "application/json");
            if (body != null) {
                byte[] bytes = json.writeValueAsBytes(body);
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                // Not streaming mode: with it, a 401 that asks for authentication hides the hub's error body.
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = connection.getResponseCode();
            if (status == 503 && HubUrls.leaderOf(connection) != null || status == 503 && urls.size() > 1) {
                throw new NotLeader(errorFrom(status, connection), HubUrls.leaderOf(connection));
            }
            if (status >= 400) {
                throw errorFrom(status, connection);
            }
            try (InputStream in = connection.getInputStream()) {
                return reader.read(in);
            }
        } catch (JsonProcessingException e) {
            throw new ApiException(502, "the answer from " + baseUrl + " is not what a Dobby hub sends: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HubUnreachableException(baseUrl, e);
        }
    }

    /** {@code failed} did not serve: go to the leader it named, or the next hub of the list. */
    void moveOn(String failed, String leader) {
        urls.follow(failed, leader);
    }

    HttpURLConnection open(String path, Duration readTimeout) {
        return open(urls.current(), path, readTimeout);
    }

    private HttpURLConnection open(String baseUrl, String path, Duration readTimeout) {
        try {
            URL url = URI.create(baseUrl + path).toURL();
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            connection.setUseCaches(false);
            if (apiKey != null) {
                connection.setRequestProperty("Authorization", "Bearer " + apiKey);
            }
            return connection;
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad hub URL " + baseUrl + path, e);
        } catch (IOException e) {
            throw new HubUnreachableException(baseUrl, e);
        }
    }

    /** The hub's error answer as the exception callers handle; shared with {@link WorkHttpClient}. */
    static ApiException errorFrom(int status, HttpURLConnection connection) throws IOException {
        String message = null;
        Object details = null;
        try (InputStream err = connection.getErrorStream()) {
            if (err != null) {
                byte[] bytes = err.readAllBytes();
                try {
                    ErrorBody parsed = Json.lenient().readValue(bytes, ErrorBody.class);
                    message = parsed.error();
                    details = parsed.details();
                } catch (IOException notJson) {
                    message = new String(bytes, StandardCharsets.UTF_8).strip();
                }
            }
        }
        if (message == null || message.isBlank()) {
            message = "the hub answered HTTP " + status;
        }
        return new ApiException(status, message, details);
    }

    /** Builds a query string, leaving out null values. */
    private static final class Query {
        private final StringJoiner parts = new StringJoiner("&", "?", "").setEmptyValue("");

        void add(String name, String value) {
            if (value != null && !value.isBlank()) {
                parts.add(name + "=" + UrlCodec.encodeQueryValue(value));
            }
        }

        @Override
        public String toString() {
            return parts.toString();
        }
    }
}
