package dev.dobby.hub.http;

import dev.dobby.hub.config.HubConfig;
import dev.dobby.hub.core.ArtifactStore;
import dev.dobby.hub.core.HubService;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.ErrorBody;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Routes;
import dev.dobby.protocol.TaskPatch;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.DispatcherType;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The REST API and event streams over Javalin: thin routes from HTTP to the {@link HubService}. */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    static final long MAX_BODY_BYTES = 2L * 1024 * 1024;
    static final java.time.Duration STOP_DRAIN = java.time.Duration.ofSeconds(5);

    private final HubConfig config;
    private final HubService hub;
    private final ArtifactStore artifacts;
    private final Clock clock;
    private final RequestGuard guard;
    private final EventStream events;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<RouteMount> mounts = new ArrayList<>();
    private Javalin app;

    /** @param keepAlive how long an idle event stream waits before sending a keep-alive comment */
    public HttpServer(HubConfig config, HubService hub, ArtifactStore artifacts, Clock clock,
                      java.time.Duration keepAlive) {
        this.config = config;
        this.hub = hub;
        this.artifacts = artifacts;
        this.clock = clock;
        this.guard = new RequestGuard(config, new WrongSecretLimiter(clock));
        this.events = new EventStream(hub, stopping::get, keepAlive);
    }

    /** Add routes of another part of the hub (the spoke protocol, the dashboard) before {@link #start()}. */
    public HttpServer mount(RouteMount mount) {
        mounts.add(mount);
        return this;
    }

    /** Bind and serve; returns the bound port. */
    public int start() {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.http.defaultContentType = "application/json";
            cfg.http.prefer405over404 = true;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.jetty.modifyServletContextHandler(handler -> handler.addFilter(
                    new FilterHolder(new MethodOverrideFilter()), "/*", EnumSet.of(DispatcherType.REQUEST)));
            cfg.jetty.modifyServer(server -> {
                // Requests in flight at a stop get this long to finish; event streams end by themselves within a
                // second of the stop (they watch `stopping`), so they do not hold it up.
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(STOP_DRAIN.toMillis());
            });
            // Jetty keeps a header cache of about 100 KB per connection; with a thousand spokes each holding a
            // long-poll open that alone is ~100 MB, and our few, short headers gain nothing from it.
            cfg.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));

            cfg.routes.before(guard::check);
            cfg.routes.exception(ApiException.class, (e, ctx) -> {
                ApiException shown = e.status() == 401 ? guard.refused(ctx).orElse(e) : e;
                error(ctx, shown.status(), shown.getMessage(), shown.details());
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), describe(e), null));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                var fault = ClientFaults.of(e);
                if (fault.isPresent() && stopping.get()) {
                    // A body cut off by this hub's own stop is not the client's fault: it should send it again
                    // (to this hub once it is back, or to the hub that took over), not give it up.
                    error(ctx, 503, "the hub is stopping; try again", null);
                    return;
                }
                if (fault.isPresent()) {
                    log.info("{} {} refused: {} ({})", ctx.method(), ctx.path(), fault.get().message(), e.toString()
                            .lines().findFirst().orElse(""));
                    error(ctx, fault.get().status(), fault.get().message(), null);
                    return;
                }
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: the hub could not handle this request (see its log)", null);
            });

            registerRoutes(cfg.routes);
            for (RouteMount mount : mounts) {
                mount.register(cfg.routes);
            }
        });
        app.start();
        return app.port();
    }

    private static String describe(HttpResponseException e) {
        if (e.getStatus() == 413) {
            return "the request body is larger than " + (MAX_BODY_BYTES / 1024) + " KiB";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? "HTTP " + e.getStatus() : e.getMessage();
    }

    static void error(Context ctx, int status, String message, Object details) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(Json.write(new ErrorBody(message, details)));
    }

    private void registerRoutes(io.javalin.config.RoutesConfig r) {
        r.post(Routes.TASKS, ctx -> {
            NewTask request = Bodies.read(ctx, NewTask.class);
            created(ctx, request.isSchedule() ? hub.createSchedule(request) : hub.createTask(request));
        });
        r.get(Routes.TASKS, ctx -> json(ctx, hub.listTasks(taskQuery(ctx))));
        r.get(Routes.TASK, ctx -> json(ctx, hub.getTask(Params.id(ctx, "id"))));
        r.patch(Routes.TASK, ctx -> json(ctx, hub.updateTask(Params.id(ctx, "id"), Bodies.read(ctx, TaskPatch.class))));
        r.post(Routes.TASK_RETRY, ctx -> {
            long id = Params.id(ctx, "id");
            RetryRequest body = Bodies.readOptional(ctx, RetryRequest.class, new RetryRequest(null));
            boolean cascade = Boolean.TRUE.equals(body.cascade()) || Params.boolQuery(ctx, "cascade");
            json(ctx, hub.retryTask(id, cascade));
        });
        r.post(Routes.TASK_RESUME, ctx -> {
            ResumeRequest body = Bodies.readOptional(ctx, ResumeRequest.class, new ResumeRequest(null));
            json(ctx, hub.resumeTask(Params.id(ctx, "id"), body.message()));
        });
        r.post(Routes.TASK_CANCEL, ctx -> {
            long id = Params.id(ctx, "id");
            Bodies.readOptional(ctx, EmptyRequest.class, new EmptyRequest());
            json(ctx, hub.cancelTask(id));
        });
        r.get(Routes.TASK_EVENTS, ctx -> events.serve(ctx, Params.id(ctx, "id"), true));
        r.get(Routes.TASK_ARTIFACTS, ctx -> json(ctx, hub.artifacts(Params.id(ctx, "id"))));
        r.get(Routes.TASK_ARTIFACT, this::download);
        // Without its own HEAD route a HEAD would be answered with the JSON defaults, not the file's headers.
        r.head(Routes.TASK_ARTIFACT, this::download);
        r.get(Routes.TASK_FLOW, ctx -> json(ctx, hub.flow(Params.id(ctx, "id"))));
        r.get(Routes.TASK_TRANSCRIPT, ctx -> {
            String attempt = Params.text(ctx, "attempt");
            json(ctx, hub.transcript(Params.id(ctx, "id"), attempt == null ? null : Params.intQuery(ctx, "attempt", 1),
                    Params.intQuery(ctx, "from", 0)));
        });
        r.get(Routes.TASK_DETAIL_STATUS, ctx -> json(ctx, hub.detailStatus(Params.id(ctx, "id"))));
        r.get(Routes.TASK_LOGS, ctx -> json(ctx, hub.logs(Params.id(ctx, "id"), Params.longQuery(ctx, "after", 0),
                Params.intQuery(ctx, "limit", 1000))));

        r.post(Routes.PROJECTS, ctx -> created(ctx, hub.registerProject(Bodies.read(ctx, NewProject.class))));
        r.get(Routes.PROJECTS, ctx -> json(ctx, hub.projects()));
        r.get(Routes.PROJECT, ctx -> json(ctx, hub.getProject(ctx.pathParam("name"))));
        r.patch(Routes.PROJECT, ctx -> json(ctx, hub.updateProject(ctx.pathParam("name"),
                Bodies.read(ctx, ProjectPatch.class).policy())));

        r.get(Routes.RESULTS, ctx -> json(ctx, hub.results(Params.text(ctx, "project"),
                Params.intQuery(ctx, "limit", TaskQuery.DEFAULT_LIMIT), Params.intQuery(ctx, "offset", 0))));
        r.get(Routes.RESULT, ctx -> json(ctx, hub.result(Params.id(ctx, "task_id"))));

        r.post(Routes.BATCHES, ctx -> created(ctx, hub.createBatch(BatchBodies.read(ctx))));
        r.get(Routes.BATCHES, ctx -> json(ctx, hub.batches(Params.intQuery(ctx, "limit", 30))));
        r.get(Routes.BATCH, ctx -> json(ctx, hub.batch(Params.id(ctx, "batch_id"))));

        r.get(Routes.SPOKES, ctx -> json(ctx, hub.spokes()));
        r.get(Routes.STATS, ctx -> json(ctx, hub.stats()));
        r.get(Routes.ACTIVITY, ctx -> json(ctx, hub.activity(Params.intQuery(ctx, "days", 365))));
        r.get(Routes.COSTS, ctx -> json(ctx, hub.costs(Params.intQuery(ctx, "days", 30), Params.text(ctx, "project"))));
        r.get(Routes.USAGE, ctx -> json(ctx, hub.usage()));
        r.get(Routes.EVENTS, ctx -> events.serve(ctx, null, Params.boolQuery(ctx, "logs")));
        r.get(Routes.HEALTH, ctx -> json(ctx, hub.health()));
    }

    /** POST /tasks/{id}/retry body: {"cascade": true} re-opens the blocked descendants too. */
    record RetryRequest(Boolean cascade) {
    }

    /** POST /tasks/{id}/resume body: {"message": "continue, but skip the migration"} (optional). */
    record ResumeRequest(String message) {
    }

    record EmptyRequest() {
    }

    /** PATCH /projects/{name} body. */
    record ProjectPatch(ProjectPolicy policy) {
    }

    private TaskQuery taskQuery(Context ctx) {
        List<TaskStatus> statuses = new ArrayList<>();
        for (String raw : ctx.queryParams("status")) {
            for (String part : raw.split(",")) {
                if (!part.isBlank()) {
                    statuses.add(Params.enumValue(TaskStatus.class, part.strip(), "status"));
                }
            }
        }
        Long batch = ctx.queryParam("batch") == null ? null : Params.longQuery(ctx, "batch", 0);
        Instant finishedFrom = Params.since(ctx, "finished_from", clock.instant());
        Instant finishedTo = Params.since(ctx, "finished_to", clock.instant());
        Instant[] day = Params.day(ctx, "finished_on", "tz");
        if (day != null && (finishedFrom != null || finishedTo != null)) {
            throw ApiException.badRequest("give finished_on or finished_from/finished_to, not both");
        }
        if (day == null && Params.text(ctx, "tz") != null) {
            throw ApiException.badRequest("tz goes with finished_on (the day it is the time zone of)");
        }
        return new TaskQuery(statuses, Params.text(ctx, "project"), Params.since(ctx, "since", clock.instant()),
                Params.text(ctx, "q"), batch, Params.intQuery(ctx, "limit", TaskQuery.DEFAULT_LIMIT),
                Params.intQuery(ctx, "offset", 0), day != null ? day[0] : finishedFrom, day != null ? day[1] : finishedTo);
    }

    private void download(Context ctx) throws java.io.IOException {
        long id = Params.id(ctx, "id");
        hub.getTask(id);
        String path = ctx.pathParam("path");
        InputStream in = artifacts.open(id, path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        // Never rendered inline: an artifact is whatever the agent wrote, possibly HTML.
        ctx.contentType("application/octet-stream");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.result(in);
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }

    private static void created(Context ctx, Object body) {
        ctx.status(201);
        json(ctx, body);
    }

    public int port() {
        return app == null ? -1 : app.port();
    }

    /** Stop serving: event streams end, requests in flight get up to {@link #STOP_DRAIN} to finish. */
    @Override
    public void close() {
        stopping.set(true);
        if (app != null) {
            app.stop();
        }
    }
}
