package dev.dobby.hub.http;

import dev.dobby.hub.config.HubConfig;
import dev.dobby.hub.core.Tokens;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every request before its route runs: the API key (when one is set), the Host header (against DNS rebinding
 * while the hub has no key), and the Origin of state-changing requests (against cross-site requests from a
 * browser). Refused secrets come back through {@link #refused} to be counted.
 */
final class RequestGuard {
    static final String KEY_COOKIE = "dobby_key";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final HubConfig config;
    private final WrongSecretLimiter wrongSecrets;

    RequestGuard(HubConfig config, WrongSecretLimiter wrongSecrets) {
        this.config = config;
        this.wrongSecrets = wrongSecrets;
    }

    void check(Context ctx) {
        if (!config.hasApiKey()) {
            checkHost(ctx);
        }
        if (!SAFE.contains(ctx.method())) {
            checkOrigin(ctx);
        }
        // The worker protocol has its own credentials (enrolment token, then per-spoke); the key does not open it.
        if (config.hasApiKey() && !isPublic(ctx.path()) && !SpokeRoutes.isWorkerProtocol(ctx.path())) {
            checkKey(ctx);
        }
    }

    /**
     * Called when a request's secret was refused. An address that has already guessed wrong too often gets a 429
     * instead of the 401; otherwise a presented secret counts as one guess (a request that presented none is no
     * guess). Only failures are throttled: a request whose secret is right never comes here, so spokes and users
     * sharing an address with a guesser keep working.
     */
    Optional<ApiException> refused(Context ctx) {
        Optional<Duration> wait = wrongSecrets.waitFor(ctx.ip());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            return Optional.of(new ApiException(429, "too many wrong keys or tokens from this address: try again in "
                    + seconds + " s"));
        }
        boolean presented = ctx.header("Authorization") != null || ctx.header(Routes.API_KEY_HEADER) != null
                || ctx.cookie(KEY_COOKIE) != null || ctx.path().equals(DashboardRoutes.SESSION);
        if (presented) {
            wrongSecrets.failed(ctx.ip());
        }
        return Optional.empty();
    }

    private static boolean isPublic(String path) {
        return path.equals(Routes.HEALTH) || DashboardRoutes.isPublic(path) || DeployRoutes.isPublic(path);
    }

    private void checkKey(Context ctx) {
        String presented = null;
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).strip();
        } else if (ctx.header(Routes.API_KEY_HEADER) != null) {
            presented = ctx.header(Routes.API_KEY_HEADER).strip();
        } else if (ctx.cookie(KEY_COOKIE) != null) {
            presented = ctx.cookie(KEY_COOKIE);
        }
        if (!Tokens.matches(config.apiKey(), presented)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"dobby\"");
            throw new ApiException(401, presented == null
                    ? "this hub needs an API key (Authorization: Bearer KEY or X-API-Key: KEY)"
                    : "wrong API key");
        }
    }

    /** Without a key, only names that mean this machine (or the configured public URL) may reach the hub. */
    private void checkHost(Context ctx) {
        String host = hostName(ctx.header("Host"));
        if (host == null || LocalHostNames.isLocal(host) || host.equalsIgnoreCase(config.host())
                || host.equalsIgnoreCase(hubUrlHost())) {
            return;
        }
        throw new ApiException(403, "requests for host '" + host + "' are refused: a hub without an api_key answers"
                + " only to localhost (set hub_url or an api_key to serve other names)");
    }

    private void checkOrigin(Context ctx) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if ("cross-site".equalsIgnoreCase(fetchSite)) {
            throw new ApiException(403, "cross-site requests are refused");
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        String originAuthority = authority(origin);
        String host = ctx.header("Host");
        boolean sameHost = host != null && originAuthority != null && originAuthority.equalsIgnoreCase(host);
        boolean publicUrl = originAuthority != null && !config.hubUrl().isBlank()
                && originAuthority.equalsIgnoreCase(authority(config.hubUrl()));
        if (!sameHost && !publicUrl) {
            throw new ApiException(403, "requests from origin " + origin + " are refused");
        }
    }

    private String hubUrlHost() {
        if (config.hubUrl() == null || config.hubUrl().isBlank()) {
            return "";
        }
        try {
            String host = URI.create(config.hubUrl()).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String authority(String url) {
        try {
            URI uri = URI.create(url.strip());
            return uri.getRawAuthority() == null ? null : uri.getRawAuthority().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The host part of a Host header: without the port, brackets kept off IPv6 literals. */
    static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
