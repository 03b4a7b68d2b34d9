package dev.dobby.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dobby.cli.CliException;
import dev.dobby.cli.ExitCode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Vultr's API v2, as much of it as deploying spokes needs: plans, regions, operating systems, SSH keys and
 * instances. Lists are read page by page ({@code meta.links.next}); 429 and 5xx answers are tried again a few
 * times; every other refusal becomes a one-line error with Vultr's own message.
 */
public final class VultrClient {
    public static final String DEFAULT_URL = "https://api.vultr.com/v2";
    static final int PER_PAGE = 100;
    private static final int TRIES = 4;

    private final String baseUrl;
    private final String apiKey;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Duration retryWait;

    public VultrClient(String baseUrl, String apiKey) {
        this(baseUrl, apiKey, Duration.ofSeconds(2));
    }

    VultrClient(String baseUrl, String apiKey, Duration retryWait) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new CliException(ExitCode.USAGE, "set VULTR_API_KEY to your Vultr API key (Account → API)");
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey.strip();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.retryWait = retryWait;
    }

    public List<JsonNode> plans() {
        return list("/plans", "plans", Map.of());
    }

    public List<JsonNode> regions() {
        return list("/regions", "regions", Map.of());
    }

    public List<JsonNode> operatingSystems() {
        return list("/os", "os", Map.of());
    }

    public List<JsonNode> sshKeys() {
        return list("/ssh-keys", "ssh_keys", Map.of());
    }

    /** Instances with this tag. */
    public List<JsonNode> instances(String tag) {
        return list("/instances", "instances", Map.of("tag", tag));
    }

    public JsonNode instance(String id) {
        return call("GET", "/instances/" + encode(id), null).path("instance");
    }

    public JsonNode createInstance(ObjectNode body) {
        return call("POST", "/instances", body).path("instance");
    }

    public void deleteInstance(String id) {
        call("DELETE", "/instances/" + encode(id), null);
    }

    public ObjectNode newObject() {
        return json.createObjectNode();
    }

    private List<JsonNode> list(String path, String field, Map<String, String> filters) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = "";
        do {
            StringBuilder query = new StringBuilder("?per_page=" + PER_PAGE);
            filters.forEach((k, v) -> query.append('&').append(k).append('=').append(encode(v)));
            if (!cursor.isEmpty()) {
                query.append("&cursor=").append(encode(cursor));
            }
            JsonNode page = call("GET", path + query, null);
            page.path(field).forEach(all::add);
            cursor = page.path("meta").path("links").path("next").asText("");
        } while (!cursor.isEmpty());
        return all;
    }

    private JsonNode call(String method, String path, JsonNode body) {
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt < TRIES) {
                    pause(attempt, null);
                    continue;
                }
                throw new CliException(ExitCode.HUB_UNREACHABLE, "cannot reach Vultr at " + baseUrl + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCode.ERROR, "interrupted");
            }
            int status = response.statusCode();
            if ((status == 429 || status >= 500) && attempt < TRIES) {
                pause(attempt, response.headers().firstValue("Retry-After").orElse(null));
                continue;
            }
            if (status >= 200 && status < 300) {
                return response.body().isBlank() ? json.createObjectNode() : parse(response.body());
            }
            throw refusal(method, path, status, response.body());
        }
    }

    private CliException refusal(String method, String path, int status, String body) {
        String message;
        try {
            message = json.readTree(body).path("error").asText("");
        } catch (IOException e) {
            message = "";
        }
        String said = message.isBlank() ? "" : ": " + message;
        String what = method + " " + path.replaceFirst("\\?.*", "");
        return switch (status) {
            case 401, 403 -> new CliException(ExitCode.UNAUTHORIZED, "Vultr refused the API key in VULTR_API_KEY ("
                    + status + said + "); check it, and that this machine's address is allowed under Account → API");
            case 404 -> new CliException(ExitCode.NOT_FOUND, "Vultr has no such thing (" + what + said + ")");
            case 429 -> new CliException(ExitCode.ERROR, "Vultr kept answering 429 (too many requests); try again"
                    + " in a minute");
            default -> status >= 500
                    ? new CliException(ExitCode.ERROR, "Vultr failed (" + status + " on " + what + said
                            + "); try again later")
                    : new CliException(ExitCode.REFUSED, "Vultr refused " + what + " (" + status + said + ")");
        };
    }

    private void pause(int attempt, String retryAfter) {
        Duration wait = retryWait.multipliedBy(attempt);
        if (retryAfter != null && retryAfter.matches("\\d{1,3}")) {
            wait = Duration.ofSeconds(Math.min(Long.parseLong(retryAfter), 30));
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ERROR, "interrupted");
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "Vultr answered something that is not JSON");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
