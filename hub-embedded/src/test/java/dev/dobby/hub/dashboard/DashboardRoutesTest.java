package dev.dobby.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.config.HubConfig;
import dev.dobby.hub.testing.TestHub;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's HTTP side on a hub with an API key: what is public, the headers, and the sign-in cookie. */
class DashboardRoutesTest {
    private static final String KEY = "k3y-for-routes";
    private static final Path SOURCES = Path.of("src", "main", "resources", "dashboard");

    @TempDir
    static Path home;

    private static TestHub hub;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        hub = TestHub.start(home, c -> new HubConfig(c.home(), c.port(), c.host(), c.maxConcurrentAgents(),
                c.defaultTimeout(), c.gpuPollInterval(), c.resultsDir(), c.dbPath(), KEY, c.webhookUrl(),
                c.staleTimeout(), "https://dobby.example.test/", "javascript:alert(1)", c.leaseTimeout(),
                c.heartbeatInterval(), c.killGrace()));
        hub.project("p");
        hub.awaitEnd(hub.shell("p", "echo private-data").id(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(hub.url() + path)).timeout(Duration.ofSeconds(10));
    }

    private static HttpRequest.Builder signIn(String key) {
        return HttpRequest.newBuilder(URI.create(hub.url() + "/auth/session")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\": \"" + key + "\"}"));
    }

    @Test
    void thePageLoadsWithoutTheKeyUnderAStrictPolicy() throws Exception {
        HttpResponse<String> page = send(get("/dashboard"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'")
                .doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/dashboard/assets/app.js\">");

        HttpResponse<String> script = send(get("/dashboard/assets/views/task.js"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/javascript"));
        assertThat(script.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        String etag = script.headers().firstValue("ETag").orElseThrow();
        assertThat(send(get("/dashboard/assets/views/task.js").header("If-None-Match", etag)).statusCode()).isEqualTo(304);
    }

    @Test
    void theApiAndTheDashboardsSettingsStayBehindTheKey() throws Exception {
        assertThat(send(get("/tasks")).statusCode()).isEqualTo(401);
        assertThat(send(get("/dashboard/config")).statusCode()).isEqualTo(401);
        assertThat(send(get("/dashboard/assets/missing.js")).statusCode()).isEqualTo(404);
        assertThat(send(get("/dashboard/assets/index.html")).statusCode()).isEqualTo(401);
        assertThat(send(get("/dashboard/assets/app.js.map")).statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dashboard/assets/../../tasks", "/dashboard/assets/%2e%2e/%2e%2e/tasks",
            "/dashboard/assets/..%2f..%2ftasks", "/dashboard/assets/app.js/../../../tasks", "/dashboard/../tasks",
            "/dashboard/assets/..;/..;/tasks", "//dashboard/assets/../../tasks"})
    void noPathThroughThePublicFilesReachesTheApi(String path) throws Exception {
        assertThat(raw("GET /tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + KEY + "\r\nConnection: close\r\n\r\n"))
                .as("the same request with the key").contains("private-data");
        String response = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        String status = response.substring(0, response.indexOf("\r\n"));
        assertThat(status).doesNotContain(" 200 ");
        assertThat(response).doesNotContain("private-data").doesNotContain("\"tasks\"");
    }

    @Test
    void signingInSetsAnHttpOnlyStrictCookieThatOpensTheApi() throws Exception {
        HttpResponse<String> wrong = send(signIn("guess"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(wrong.body()).contains("wrong API key");

        HttpResponse<String> right = send(signIn(KEY));
        assertThat(right.statusCode()).isEqualTo(204);
        String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("dobby_key=" + KEY + ";").contains("HttpOnly", "SameSite=Strict", "Path=/")
                .doesNotContain("Secure");

        assertThat(send(get("/tasks").header("Cookie", "dobby_key=" + KEY)).statusCode()).isEqualTo(200);
        HttpResponse<String> config = send(get("/dashboard/config").header("Cookie", "dobby_key=" + KEY));
        assertThat(config.statusCode()).isEqualTo(200);
        // hub_url without its trailing slash; a github_url that is not http(s) is never handed to the page as a link.
        assertThat(config.body()).isEqualTo("{\"hub_url\":\"https://dobby.example.test\",\"github_url\":\"\",\"auth\":true}");

        HttpResponse<String> proxied = send(signIn(KEY).header("X-Forwarded-Proto", "https"));
        assertThat(proxied.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");

        HttpResponse<String> out = send(HttpRequest.newBuilder(URI.create(hub.url() + "/auth/session")).DELETE());
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("dobby_key=;").contains("Max-Age=0");
    }

    @Test
    void signInRefusesBadBodiesAndOtherSites() throws Exception {
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(URI.create(hub.url() + "/auth/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\": \"x\"}")));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown field 'password'");

        HttpResponse<String> crossSite = send(signIn(KEY).header("Origin", "https://evil.example"));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void theDashboardSourcesNeverParseDataAsHtml() throws IOException {
        Pattern forbidden = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function"
                + "|setAttribute\\(['\"]style|\\.cssText");
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".js")).toList();
            assertThat(sources).hasSizeGreaterThan(5);
            for (Path file : sources) {
                assertThat(forbidden.matcher(Files.readString(file)).find()).as(file + " builds HTML from strings").isFalse();
            }
        }
        String page = Files.readString(SOURCES.resolve("index.html"));
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContainPattern("\\son[a-z]+=")
                .doesNotContain("style=").doesNotContain("<style");
    }

    private static String raw(String request) throws IOException {
        URI uri = URI.create(hub.url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
