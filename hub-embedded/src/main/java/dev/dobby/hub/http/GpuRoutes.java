package dev.dobby.hub.http;

import dev.dobby.hub.core.HubService;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.Routes;
import dev.dobby.protocol.gpu.NewTrackedJob;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * GPUs and tracked jobs over HTTP (see docs/gpus.md).
 *
 * <pre>
 * GET  /gpus                                   every worker's GPUs, processes and reservations
 * GET  /gpus/history?worker=&amp;gpu=&amp;since=      utilisation and memory per GPU (since: ISO time or 2h; default 1h)
 * GET  /jobs?task=ID                           tracked jobs, newest first
 * POST /jobs  {"task_id","pid"|"slurm_job"|"log","worker","label"}   track a job
 * GET  /jobs/{id}                              one tracked job
 * POST /jobs/{id}/stop                         stop it (a signal to its process group, or scancel)
 * </pre>
 */
public final class GpuRoutes implements RouteMount {
    private static final Duration DEFAULT_HISTORY = Duration.ofHours(1);

    private final HubService hub;
    private final Clock clock;

    public GpuRoutes(HubService hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig r) {
        r.get(Routes.GPUS, ctx -> json(ctx, hub.gpus()));
        r.get(Routes.GPUS_HISTORY, ctx -> {
            Instant now = clock.instant();
            Instant since = Params.since(ctx, "since", now);
            String gpu = Params.text(ctx, "gpu");
            json(ctx, hub.gpuHistory(Params.text(ctx, "worker"),
                    gpu == null ? null : Params.intQuery(ctx, "gpu", 0),
                    since == null ? now.minus(DEFAULT_HISTORY) : since));
        });
        r.get(Routes.JOBS, ctx -> {
            long task = Params.longQuery(ctx, "task", 0);
            json(ctx, hub.jobs(task > 0 ? task : null));
        });
        r.post(Routes.JOBS, ctx -> {
            ctx.status(201);
            json(ctx, hub.trackJob(Bodies.read(ctx, NewTrackedJob.class)));
        });
        r.get(Routes.JOB, ctx -> json(ctx, hub.job(Params.id(ctx, "id"))));
        r.post(Routes.JOB_STOP, ctx -> json(ctx, hub.stopJob(Params.id(ctx, "id"))));
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }
}
