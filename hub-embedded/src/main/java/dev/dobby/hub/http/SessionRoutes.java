package dev.dobby.hub.http;

import dev.dobby.hub.core.HubService;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.NewSession;
import dev.dobby.protocol.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Remote Control sessions over HTTP. A session is a task: POST /tasks/{id}/cancel stops it.
 *
 * <pre>
 * POST /sessions  {"project", "name", "target_spoke", "target_tags", "worktree", "permission_mode", "timeout"}
 *                 ask for one (409 when no online worker can run sessions)
 * GET  /sessions[?active=true]   sessions, newest first, with their link once the CLI printed it
 * GET  /sessions/{id}            one session
 * </pre>
 */
public final class SessionRoutes implements RouteMount {
    private final HubService hub;

    public SessionRoutes(HubService hub) {
        this.hub = hub;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post(Routes.SESSIONS, ctx -> {
            ctx.status(201);
            json(ctx, hub.openSession(Bodies.read(ctx, NewSession.class)));
        });
        r.get(Routes.SESSIONS, ctx -> json(ctx, hub.sessions(Params.boolQuery(ctx, "active"))));
        r.get(Routes.SESSION, ctx -> json(ctx, hub.session(Params.id(ctx, "id"))));
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }
}
