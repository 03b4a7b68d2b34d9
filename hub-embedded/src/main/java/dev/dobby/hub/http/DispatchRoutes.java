package dev.dobby.hub.http;

import dev.dobby.hub.core.HubService;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.PauseRequest;
import dev.dobby.protocol.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The kill switch over HTTP.
 *
 * <pre>
 * GET  /pause                                  whether dispatch is paused, and for what
 * POST /pause    {"project", "stop_running", "by"}   stop dispatching (the hub, or one project); all optional
 * POST /unpause  {"project"}                   dispatch again (everything, or one project)
 * </pre>
 */
public final class DispatchRoutes implements RouteMount {
    private final HubService hub;

    public DispatchRoutes(HubService hub) {
        this.hub = hub;
    }

    @Override
    public void register(RoutesConfig r) {
        r.get(Routes.PAUSE, ctx -> json(ctx, hub.pauseState()));
        r.post(Routes.PAUSE, ctx -> json(ctx, hub.pause(Bodies.readOptional(ctx, PauseRequest.class,
                PauseRequest.hub()))));
        r.post(Routes.UNPAUSE, ctx -> json(ctx, hub.unpause(Bodies.readOptional(ctx, PauseRequest.class,
                PauseRequest.hub()))));
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }
}
