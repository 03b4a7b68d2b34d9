package dev.dobby.protocol;

/** The hub's HTTP paths, shared by the server and its clients. */
public final class Routes {
    public static final String TASKS = "/tasks";
    public static final String TASK = "/tasks/{id}";
    public static final String TASK_RETRY = "/tasks/{id}/retry";
    public static final String TASK_RESUME = "/tasks/{id}/resume";
    public static final String TASK_CANCEL = "/tasks/{id}/cancel";
    public static final String TASK_EVENTS = "/tasks/{id}/events";
    public static final String TASK_ARTIFACTS = "/tasks/{id}/artifacts";
    public static final String TASK_ARTIFACT = "/tasks/{id}/artifacts/<path>";
    public static final String TASK_DETAIL_STATUS = "/tasks/{id}/detail-status";
    public static final String TASK_LOGS = "/tasks/{id}/logs";
    public static final String TASK_FLOW = "/tasks/{id}/flow";
    public static final String TASK_TRANSCRIPT = "/tasks/{id}/transcript";
    public static final String PROJECTS = "/projects";
    public static final String PROJECT = "/projects/{name}";
    public static final String RESULTS = "/results";
    public static final String RESULT = "/results/{task_id}";
    public static final String BATCHES = "/batches";
    public static final String BATCH = "/batches/{batch_id}";
    public static final String SPOKES_REGISTER = "/spokes/register";
    public static final String SPOKES = "/spokes";
    // The worker protocol (see docs/spokes.md): a spoke's own credential, not the API key, opens these.
    public static final String SPOKE_POLL = "/spokes/{id}/poll";
    public static final String SPOKE_HEARTBEAT = "/spokes/{id}/heartbeat";
    public static final String SPOKE_DEREGISTER = "/spokes/{id}/deregister";
    public static final String ATTEMPT_STARTED = "/attempts/{id}/started";
    public static final String ATTEMPT_PLACEMENT = "/attempts/{id}/placement";
    public static final String ATTEMPT_LOGS = "/attempts/{id}/logs";
    public static final String ATTEMPT_FINISH = "/attempts/{id}/finish";
    public static final String STATS = "/stats";
    public static final String ACTIVITY = "/stats/activity";
    public static final String USAGE = "/usage";
    public static final String EVENTS = "/events";
    public static final String HEALTH = "/health";
    public static final String SCHEDULES = "/schedules";
    public static final String SCHEDULE = "/schedules/{id}";
    public static final String SCHEDULE_CANCEL = "/schedules/{id}/cancel";
    public static final String SCHEDULE_PAUSE = "/schedules/{id}/pause";
    public static final String SCHEDULE_RESUME = "/schedules/{id}/resume";
    public static final String SCHEDULE_RUNS = "/schedules/{id}/runs";
    public static final String SCHEDULE_PREVIEW = "/schedules/preview";
    public static final String COSTS = "/stats/costs";
    public static final String EXPORT = "/export";
    public static final String WEBHOOKS = "/webhooks";
    public static final String PAUSE = "/pause";
    public static final String SESSIONS = "/sessions";
    public static final String SESSION = "/sessions/{id}";
    public static final String ENROLMENTS = "/enrolments";
    /** The spoke's runnable jar and its checksum; public, like the dashboard's assets (they hold no secret). */
    public static final String SPOKE_JAR = "/downloads/dobby-spoke.jar";
    public static final String SPOKE_JAR_SHA256 = "/downloads/dobby-spoke.jar.sha256";
    public static final String UNPAUSE = "/unpause";
    public static final String SLACK_PREVIEWS = "/slack/previews";
    public static final String SLACK_PREVIEW = "/slack/previews/{channel}/{ts}";
    public static final String SLACK_THREADS = "/slack/threads";
    public static final String SLACK_THREAD = "/slack/threads/{task_id}";
    public static final String SLACK_THREAD_NOTIFIED = "/slack/threads/{task_id}/notified";
    public static final String ASSISTANT_CALLS = "/assistant/calls";
    public static final String GPUS = "/gpus";
    public static final String GPUS_HISTORY = "/gpus/history";
    public static final String SPOKE_GPUS = "/spokes/{id}/gpus";
    public static final String JOBS = "/jobs";
    public static final String JOB = "/jobs/{id}";
    public static final String JOB_STOP = "/jobs/{id}/stop";

    public static final String LAST_EVENT_ID = "Last-Event-ID";
    public static final String API_KEY_HEADER = "X-API-Key";
    /** The fencing token of the attempt a worker-protocol call is about. */
    public static final String ATTEMPT_TOKEN_HEADER = "X-Attempt-Token";
    /** On a 503 from a standby hub: where the leading hub is (a team hub, docs/team-hub.md). */
    public static final String LEADER_HEADER = "Dobby-Leader";
    public static final String EVENT_STREAM = "text/event-stream";

    private Routes() {
    }

    /** {@code template} with each {@code {name}} replaced, in order, by the given values. */
    public static String path(String template, Object... values) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = template.indexOf('}', i);
                out.append(UrlCodec.encodePathSegment(String.valueOf(values[next++])));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
