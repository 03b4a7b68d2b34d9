package dev.dobby.hub.http;

import dev.dobby.hub.core.HubService;
import dev.dobby.hub.deploy.SpokeJarBuilder;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.NewEnrolment;
import dev.dobby.protocol.Routes;
import dev.dobby.protocol.SpokeJar;
import io.javalin.config.RoutesConfig;
import java.util.function.Supplier;

/**
 * What provisioning servers for spokes needs (dobby deploy).
 *
 * <pre>
 * POST /enrolments  {"spoke_id", "ttl"}   a single-use enrolment token for that spoke id (API key)
 * GET  /downloads/dobby-spoke.jar          the spoke as one runnable jar, with X-Checksum-SHA256 (public)
 * GET  /downloads/dobby-spoke.jar.sha256   its hex SHA-256 (public)
 * </pre>
 */
public final class DeployRoutes implements RouteMount {
    private final HubService hub;
    private final Supplier<SpokeJarBuilder.Built> jar;

    public DeployRoutes(HubService hub) {
        this.hub = hub;
        this.jar = new Lazy<>(SpokeJarBuilder::build);
    }

    /** The spoke's jar holds no secret; a new server fetches it before it has any credential. */
    static boolean isPublic(String path) {
        return path.equals(Routes.SPOKE_JAR) || path.equals(Routes.SPOKE_JAR_SHA256);
    }

    @Override
    public void register(RoutesConfig r) {
        r.post(Routes.ENROLMENTS, ctx -> {
            ctx.status(201);
            ctx.contentType("application/json");
            ctx.result(Json.write(hub.mintEnrolment(Bodies.read(ctx, NewEnrolment.class))));
        });
        r.get(Routes.SPOKE_JAR, ctx -> {
            SpokeJarBuilder.Built built = jar.get();
            ctx.header(SpokeJar.CHECKSUM_HEADER, built.sha256());
            ctx.header("Content-Disposition", "attachment; filename=\"" + SpokeJar.FILE_NAME + "\"");
            ctx.contentType("application/java-archive");
            ctx.result(built.bytes());
        });
        r.get(Routes.SPOKE_JAR_SHA256, ctx -> {
            ctx.contentType("text/plain");
            ctx.result(jar.get().sha256() + "  " + SpokeJar.FILE_NAME + "\n");
        });
    }

    /** Built on first use, then kept: a few MB, the same for the hub's whole run. */
    private static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> make;
        private volatile T value;

        Lazy(Supplier<T> make) {
            this.make = make;
        }

        @Override
        public synchronized T get() {
            if (value == null) {
                value = make.get();
            }
            return value;
        }
    }
}
