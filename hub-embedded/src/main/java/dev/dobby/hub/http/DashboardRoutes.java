package dev.dobby.hub.http;

import dev.dobby.hub.config.HubConfig;
import dev.dobby.hub.core.Tokens;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web dashboard: its page and static files (public, so a browser can show the sign-in form), a small
 * configuration route, and the sign-in that turns the API key into an HttpOnly cookie, since EventSource cannot
 * send headers. Everything else the dashboard shows comes from the ordinary API with that cookie.
 */
public final class DashboardRoutes implements RouteMount {
    public static final String PAGE = "/dashboard";
    static final String ASSETS = "/dashboard/assets/";
    static final String CONFIG = "/dashboard/config";
    public static final String SESSION = "/auth/session";

    /** Only these names are ever served: no dots but the extension's, so no way out of the folder. */
    private static final Pattern ASSET_NAME = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)?\\.(js|css|svg)");
    private static final String RESOURCE_ROOT = "dashboard/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'none'; object-src 'none';"
            + " frame-ancestors 'none'; form-action 'self'";
    private static final int SESSION_DAYS = 30;

    private final HubConfig config;
    private final Map<String, Optional<Asset>> assets = new ConcurrentHashMap<>();

    public DashboardRoutes(HubConfig config) {
        this.config = config;
    }

    /** What a browser may load without the API key: the page, its files and the sign-in itself. */
    static boolean isPublic(String path) {
        return path.equals(PAGE) || path.equals(PAGE + "/") || path.equals(SESSION)
                || path.startsWith(ASSETS) && ASSET_NAME.matcher(path.substring(ASSETS.length())).matches();
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PAGE, ctx -> serve(ctx, "index.html"));
        routes.get(ASSETS + "<name>", ctx -> {
            String name = ctx.pathParam("name");
            if (!ASSET_NAME.matcher(name).matches()) {
                throw ApiException.notFound("no dashboard file " + name);
            }
            serve(ctx, "assets/" + name);
        });
        routes.get(CONFIG, this::configuration);
        routes.post(SESSION, this::signIn);
        routes.delete(SESSION, this::signOut);
    }

    /** GET /dashboard/config: what the page needs to know about this hub. */
    record DashboardConfig(String hubUrl, String githubUrl, boolean auth) {
    }

    private void configuration(Context ctx) {
        secure(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json");
        ctx.result(Json.write(new DashboardConfig(webUrl(config.hubUrl()), webUrl(config.githubUrl()),
                config.hasApiKey())));
    }

    /** POST /auth/session body. */
    record SessionRequest(String key) {
    }

    private void signIn(Context ctx) {
        SessionRequest request = Bodies.read(ctx, SessionRequest.class);
        if (!config.hasApiKey()) {
            ctx.status(204);
            return;
        }
        String presented = request.key() == null ? null : request.key().strip();
        if (!Tokens.matches(config.apiKey(), presented)) {
            throw new ApiException(401, "wrong API key");
        }
        if (!cookieSafe(config.apiKey())) {
            throw ApiException.badRequest("this hub's api_key has characters a browser cookie cannot carry"
                    + " (spaces, quotes, commas, semicolons or backslashes): choose a key without them to use the dashboard");
        }
        ctx.header("Set-Cookie", cookie(ctx, config.apiKey(), SESSION_DAYS * 24 * 3600));
        ctx.header("Cache-Control", "no-store");
        ctx.status(204);
    }

    private void signOut(Context ctx) {
        ctx.header("Set-Cookie", cookie(ctx, "", 0));
        ctx.status(204);
    }

    private static String cookie(Context ctx, String value, int maxAgeSeconds) {
        String cookie = RequestGuard.KEY_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict";
        return overHttps(ctx) ? cookie + "; Secure" : cookie;
    }

    /** A tunnel or proxy in front of the hub terminates TLS and says so in X-Forwarded-Proto. */
    private static boolean overHttps(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(String.valueOf(ctx.header("X-Forwarded-Proto")).strip());
    }

    private static boolean cookieSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** An http(s) URL without a trailing slash, or "" for anything else: it becomes a link in the page. */
    static String webUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        try {
            URI uri = URI.create(raw.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return "";
            }
            String text = uri.toString();
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private void serve(Context ctx, String name) {
        Asset asset = assets.computeIfAbsent(name, DashboardRoutes::load)
                .orElseThrow(() -> ApiException.notFound("no dashboard file " + name));
        secure(ctx);
        // Revalidated on every load, so a hub upgrade shows its new page at once.
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", asset.etag());
        if (asset.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.contentType());
        ctx.result(asset.bytes());
    }

    private static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    }

    private record Asset(byte[] bytes, String contentType, String etag) {
    }

    private static Optional<Asset> load(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        try (InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new Asset(bytes, TYPES.get(extension),
                    "\"" + Tokens.sha256(new String(bytes, StandardCharsets.UTF_8)).substring(0, 20) + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
