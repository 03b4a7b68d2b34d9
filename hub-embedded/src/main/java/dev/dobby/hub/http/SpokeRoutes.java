package dev.dobby.hub.http;

import dev.dobby.hub.config.HubConfig;
import dev.dobby.hub.core.WorkService;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.Routes;
import dev.dobby.protocol.work.AttemptRef;
import dev.dobby.protocol.work.Heartbeat;
import dev.dobby.protocol.work.LogChunk;
import dev.dobby.protocol.work.Outcome;
import dev.dobby.protocol.work.ProcessStarted;
import dev.dobby.protocol.work.WorkerHello;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The worker protocol over HTTP, for remote spokes (see docs/spokes.md). These routes do not take the API key:
 * registration takes an enrolment token ({@link SpokeEnrolment}), every later call the spoke's own credential,
 * and calls about an attempt also its fencing token in {@value Routes#ATTEMPT_TOKEN_HEADER}.
 */
public final class SpokeRoutes implements RouteMount {
    private static final Pattern WORKER_PROTOCOL = Pattern.compile(
            "/spokes/register|/spokes/[^/]+/(poll|heartbeat|deregister|gpus)|/attempts/[^/]+/(started|placement|logs|finish)");

    private final WorkService work;
    private final SpokeEnrolment enrolment;
    private final dev.dobby.hub.core.Enrolments enrolments;
    private final String localWorkerId;
    private final dev.dobby.hub.core.gpu.GpuService gpus;

    /**
     * @param gpus       GPU reports and reservations; null for none
     * @param enrolments single-use enrolment tokens; null for none
     */
    public SpokeRoutes(WorkService work, HubConfig config, String localWorkerId,
                       dev.dobby.hub.core.gpu.GpuService gpus, dev.dobby.hub.core.Enrolments enrolments) {
        this.enrolments = enrolments;
        this.work = work;
        this.gpus = gpus;
        this.enrolment = new SpokeEnrolment(config);
        this.localWorkerId = localWorkerId;
    }

    /** Paths that authenticate spokes themselves, so the API key check leaves them alone. */
    static boolean isWorkerProtocol(String path) {
        return WORKER_PROTOCOL.matcher(path).matches();
    }

    @Override
    public void register(RoutesConfig r) {
        r.post(Routes.SPOKES_REGISTER, ctx -> {
            String presented = bearer(ctx);
            WorkerHello hello = Bodies.read(ctx, WorkerHello.class);
            String id = hello == null ? null : hello.id();
            enrolment.check(presented, () -> id != null
                    && (work.issuedLast(id, presented) || (enrolments != null && enrolments.redeem(id, presented))));
            json(ctx, work.registerSpoke(hello, localWorkerId));
        });
        r.post(Routes.SPOKE_POLL, this::poll);
        r.post(Routes.SPOKE_HEARTBEAT, ctx -> {
            String id = spoke(ctx);
            Heartbeat beat = Bodies.read(ctx, Heartbeat.class);
            if (!id.equals(beat.workerId())) {
                throw ApiException.badRequest("the heartbeat is for worker '" + beat.workerId() + "', not '" + id + "'");
            }
            json(ctx, work.heartbeat(beat));
        });
        r.post(Routes.SPOKE_GPUS, ctx -> {
            String id = spoke(ctx);
            var report = Bodies.read(ctx, dev.dobby.protocol.gpu.GpuReport.class);
            if (!id.equals(report.workerId())) {
                throw ApiException.badRequest("the GPU report is for worker '" + report.workerId() + "', not '" + id
                        + "'");
            }
            json(ctx, gpus.report(report));
        });
        r.post(Routes.SPOKE_DEREGISTER, ctx -> {
            work.deregister(spoke(ctx));
            ctx.status(204);
        });
        r.post(Routes.ATTEMPT_STARTED, ctx -> {
            AttemptRef ref = attempt(ctx);
            ProcessStarted body = Bodies.read(ctx, ProcessStarted.class);
            if (body.pid() < 1 || body.processStart() == null) {
                throw ApiException.badRequest("started needs pid and process_start");
            }
            work.started(ref, body.pid(), body.processStart());
            ctx.status(204);
        });
        r.post(Routes.ATTEMPT_PLACEMENT, ctx -> {
            AttemptRef ref = attempt(ctx);
            work.placed(ref, Bodies.read(ctx, dev.dobby.protocol.work.Placement.class));
            ctx.status(204);
        });
        r.post(Routes.ATTEMPT_LOGS, ctx -> {
            AttemptRef ref = attempt(ctx);
            json(ctx, work.appendLog(ref, Bodies.read(ctx, LogChunk.class)));
        });
        r.post(Routes.ATTEMPT_FINISH, ctx -> {
            AttemptRef ref = attempt(ctx);
            work.finish(ref, Bodies.read(ctx, Outcome.class));
            ctx.status(204);
        });
    }

    /** 200 with an assignment, or 204 when the wait ends first. The request holds no thread while it waits. */
    private void poll(Context ctx) {
        String id = spoke(ctx);
        long waitMs = Params.longQuery(ctx, "wait_ms", WorkService.defaultPollWait().toMillis());
        var pending = work.pollAsync(id, Duration.ofMillis(Math.max(0, waitMs)));
        ctx.future(() -> pending.thenAccept(assignment -> {
            if (assignment.isPresent()) {
                json(ctx, assignment.get());
            } else {
                ctx.status(204);
            }
        }));
    }

    /**
     * The spoke named in the path, once its credential checks out. An unknown spoke gets the same 401 as a wrong
     * credential, so a caller without one cannot tell which spoke ids exist; a spoke the hub has forgotten
     * registers again on it.
     */
    private String spoke(Context ctx) {
        String id = ctx.pathParam("id");
        if (!work.authenticate(id, bearer(ctx))) {
            throw unauthorized(ctx, "this is not a credential of spoke " + id
                    + " (a spoke that is not registered, or has deregistered, must register again)");
        }
        return id;
    }

    /** The attempt named in the path, when the caller is the spoke that holds it and shows its fencing token. */
    private AttemptRef attempt(Context ctx) {
        long attemptId = Params.id(ctx, "id");
        String owner = work.attemptWorker(attemptId)
                .orElseThrow(() -> ApiException.notFound("unknown attempt " + attemptId));
        if (!work.authenticate(owner, bearer(ctx))) {
            throw unauthorized(ctx, "this credential does not belong to the worker that holds attempt " + attemptId);
        }
        String token = ctx.header(Routes.ATTEMPT_TOKEN_HEADER);
        if (token == null || token.isBlank()) {
            throw ApiException.badRequest("calls about an attempt need its token in " + Routes.ATTEMPT_TOKEN_HEADER);
        }
        return new AttemptRef(attemptId, token.strip());
    }

    private static ApiException unauthorized(Context ctx, String message) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"dobby-spokes\"");
        return new ApiException(401, message);
    }

    static String bearer(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String value = authorization.substring(7).strip();
            return value.isEmpty() ? null : value;
        }
        return null;
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }
}
