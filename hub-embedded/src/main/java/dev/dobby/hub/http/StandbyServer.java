package dev.dobby.hub.http;

import dev.dobby.hub.config.HubConfig;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.Routes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a standby hub serves on the hub's address while another hub leads: a read (GET) is redirected to the
 * leader (browsers and event streams follow), anything else is answered 503 with {@link Routes#LEADER_HEADER}, which
 * Dobby's clients follow. Without a live leader (a takeover under way) it is 503 with a Retry-After.
 */
public final class StandbyServer implements AutoCloseable {
    private final HubConfig config;
    private final Supplier<String> leaderUrl;
    private Javalin app;

    /** @param leaderUrl the leader's address, or null while none leads */
    public StandbyServer(HubConfig config, Supplier<String> leaderUrl) {
        this.config = config;
        this.leaderUrl = leaderUrl;
    }

    /** Bind and serve; returns the bound port. */
    public int start() {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.routes.before(this::answer);
        });
        app.start();
        return app.port();
    }

    private void answer(Context ctx) {
        String leader = leaderUrl.get();
        ctx.header("Retry-After", "2");
        if (leader != null) {
            ctx.header(Routes.LEADER_HEADER, leader);
        }
        if (leader != null && "GET".equals(ctx.method().name())) {
            String query = ctx.queryString();
            ctx.redirect(leader + ctx.path() + (query == null ? "" : "?" + query), HttpStatus.TEMPORARY_REDIRECT);
        } else {
            ctx.status(503).contentType("application/json").result(Json.write(Map.of("error", leader == null
                    ? "this hub is a standby and no hub leads at the moment (a takeover is under way); try again"
                    : "this hub is a standby; the leader is " + leader)));
        }
        ctx.skipRemainingHandlers();
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
