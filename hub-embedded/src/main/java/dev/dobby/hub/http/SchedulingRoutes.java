package dev.dobby.hub.http;

import dev.dobby.hub.core.HubService;
import dev.dobby.protocol.ExportFormat;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.Routes;
import dev.dobby.protocol.SchedulePreview;
import dev.dobby.protocol.TaskQuery;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules, export and webhook deliveries over HTTP. Schedules are created through POST /tasks (a body with
 * {@code cron} or {@code every}), so that one route queues work of either kind.
 *
 * <pre>
 * GET  /schedules[?project=P]          the schedules, newest first
 * GET  /schedules/{id}                 one schedule
 * GET  /schedules/preview?cron=C|every=E[&amp;count=N]   the next N firings (default 3), or a 400
 * POST /schedules/{id}/cancel          stop it: no further runs
 * POST /schedules/{id}/pause|resume    hold it / let it fire again from its next firing after now
 * GET  /schedules/{id}/runs[?limit&amp;offset]   the tasks it queued, newest first
 * GET  /export?format=csv|json[&amp;project=P]   every task with its latest result, streamed
 * GET  /webhooks[?limit=N]             the latest webhook deliveries, newest first
 * </pre>
 */
public final class SchedulingRoutes implements RouteMount {
    private static final Logger log = LoggerFactory.getLogger(SchedulingRoutes.class);

    private final HubService hub;

    public SchedulingRoutes(HubService hub) {
        this.hub = hub;
    }

    @Override
    public void register(RoutesConfig r) {
        r.get(Routes.SCHEDULES, ctx -> json(ctx, hub.schedules(Params.text(ctx, "project"))));
        // Before /schedules/{id}, which would otherwise read "preview" as an id.
        r.get(Routes.SCHEDULE_PREVIEW, ctx -> json(ctx, hub.previewSchedule(Params.text(ctx, "cron"),
                Params.text(ctx, "every"), Params.intQuery(ctx, "count", SchedulePreview.DEFAULT_COUNT))));
        r.get(Routes.SCHEDULE, ctx -> json(ctx, hub.schedule(Params.id(ctx, "id"))));
        r.post(Routes.SCHEDULE_CANCEL, ctx -> {
            long id = Params.id(ctx, "id");
            Bodies.readOptional(ctx, HttpServer.EmptyRequest.class, new HttpServer.EmptyRequest());
            json(ctx, hub.cancelSchedule(id));
        });
        r.post(Routes.SCHEDULE_PAUSE, ctx -> {
            long id = Params.id(ctx, "id");
            Bodies.readOptional(ctx, HttpServer.EmptyRequest.class, new HttpServer.EmptyRequest());
            json(ctx, hub.pauseSchedule(id));
        });
        r.post(Routes.SCHEDULE_RESUME, ctx -> {
            long id = Params.id(ctx, "id");
            Bodies.readOptional(ctx, HttpServer.EmptyRequest.class, new HttpServer.EmptyRequest());
            json(ctx, hub.resumeSchedule(id));
        });
        r.get(Routes.SCHEDULE_RUNS, ctx -> json(ctx, hub.scheduleRuns(Params.id(ctx, "id"),
                Params.intQuery(ctx, "limit", TaskQuery.DEFAULT_LIMIT), Params.intQuery(ctx, "offset", 0))));
        r.get(Routes.EXPORT, this::export);
        r.get(Routes.WEBHOOKS, ctx -> json(ctx, hub.webhookDeliveries(Params.intQuery(ctx, "limit", 100))));
    }

    private void export(Context ctx) {
        String raw = Params.text(ctx, "format");
        ExportFormat format = raw == null ? ExportFormat.CSV : Params.enumValue(ExportFormat.class, raw, "format");
        String project = Params.text(ctx, "project");
        ctx.contentType(format.contentType());
        ctx.header("Content-Disposition", "attachment; filename=\"dobby-export." + format.wire() + "\"");
        try {
            hub.export(format, project, ctx.outputStream());
        } catch (UncheckedIOException e) {
            // The reader went away part-way; there is nobody left to tell.
            log.debug("export to {} ended early: {}", ctx.ip(), e.getMessage());
        }
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }
}
