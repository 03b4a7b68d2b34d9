package dev.dobby.hub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.hub.Hub;
import dev.dobby.hub.config.ConfigException;
import dev.dobby.hub.config.HubConfig;
import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.SteppedClock;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.client.HubHttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityTest {
    private static final String KEY = "correct-horse-battery-staple";
    private static final String SPOKE_TOKEN = "the-spoke-token-0123";

    @TempDir
    Path home;

    @Test
    void withAKeyEveryRouteButHealthNeedsIt() {
        try (TestHub hub = TestHub.start(home, c -> c.withApiKey(KEY))) {
            Http http = new Http(hub.url());
            assertThat(http.get("/health").status()).isEqualTo(200);
            Http.Reply none = http.get("/tasks");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.error()).contains("needs an API key");
            assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(http.header("Authorization", "Bearer wrong-key-here").get("/tasks").error()).isEqualTo("wrong API key");
            assertThat(http.header("Authorization", "Bearer " + KEY).get("/tasks").status()).isEqualTo(200);
            assertThat(http.header("X-API-Key", KEY).get("/projects").status()).isEqualTo(200);
            assertThat(http.header("Cookie", "dobby_key=" + KEY).get("/stats").status()).isEqualTo(200);
            assertThat(http.header("Accept", "text/event-stream").get("/events").status()).isEqualTo(401);
            assertThat(http.post("/projects", "{\"name\":\"x\",\"path\":\"/tmp\"}").status()).isEqualTo(401);
            assertThat(hub.api().projects()).isEmpty();
        }
    }

    @Test
    void anAddressThatKeepsGuessingTheKeyIsMadeToWait() {
        SteppedClock clock = SteppedClock.running(Instant.parse("2026-03-01T10:00:00Z"));
        try (TestHub hub = TestHub.start(home, c -> c.withApiKey(KEY), b -> b.clock(clock))) {
            Http http = new Http(hub.url());
            Http right = http.header("X-API-Key", KEY);
            for (int i = 0; i < 3; i++) {
                assertThat(http.get("/tasks").status()).as("a request without a key is no guess").isEqualTo(401);
            }
            for (int i = 0; i < 19; i++) {
                assertThat(http.header("X-API-Key", "guess-" + i).get("/tasks").status()).isEqualTo(401);
            }
            assertThat(right.get("/tasks").status()).isEqualTo(200);
            assertThat(http.post("/auth/session", "{\"key\":\"guess-19\"}").status()).isEqualTo(401);

            Http.Reply refused = http.header("X-API-Key", "guess-20").get("/tasks");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.error()).startsWith("too many wrong keys or tokens from this address: try again in");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
            assertThat(http.post("/auth/session", "{\"key\":\"guess-21\"}").status()).isEqualTo(429);
            assertThat(right.get("/tasks").status()).as("the right key is never held up").isEqualTo(200);
            assertThat(http.post("/auth/session", "{\"key\":\"" + KEY + "\"}").status()).isEqualTo(204);
            assertThat(http.get("/health").status()).isEqualTo(200);

            clock.step(Duration.ofSeconds(61));
            assertThat(http.header("X-API-Key", "guess-22").get("/tasks").status()).isEqualTo(401);
        }
    }

    @Test
    void guessesFromTheSpokesAddressDoNotTakeTheSpokesOffline() {
        try (TestHub hub = TestHub.start(home, c -> c.withApiKey(KEY).withSpokeToken(SPOKE_TOKEN)
                .withMaxConcurrentAgents(0))) {
            Http http = new Http(hub.url());
            Http.Reply registered = http.header("Authorization", "Bearer " + SPOKE_TOKEN).post("/spokes/register",
                    "{\"id\":\"s1\",\"capabilities\":{\"backends\":[\"shell\"],\"tags\":[],\"os\":\"test\","
                            + "\"cpus\":1,\"max_concurrent\":1,\"gpus\":[]},\"version\":\"test\"}");
            assertThat(registered.status()).as(registered.body()).isEqualTo(200);
            Http spoke = http.header("Authorization", "Bearer " + registered.json().path("token").asText());
            String beat = "{\"worker_id\":\"s1\",\"running\":[],\"capabilities\":null,\"draining\":false}";

            for (int i = 0; i < 25; i++) {
                http.header("X-API-Key", "wrong-" + i).get("/tasks");
            }

            assertThat(http.header("X-API-Key", KEY).get("/tasks").status()).isEqualTo(200);
            assertThat(spoke.post("/spokes/s1/heartbeat", beat).status()).isEqualTo(200);
            assertThat(http.header("X-API-Key", "wrong-again").get("/tasks").status()).isEqualTo(429);
            assertThat(http.header("Authorization", "Bearer not-the-credential").post("/spokes/s1/heartbeat", beat)
                    .status()).isEqualTo(429);
        }
    }

    @Test
    void theHttpClientCarriesTheKeyAndReportsAWrongOne() {
        try (TestHub hub = TestHub.start(home, c -> c.withApiKey(KEY))) {
            assertThat(new HubHttpClient(hub.url(), KEY).projects()).isEmpty();
            assertThatThrownBy(() -> new HubHttpClient(hub.url(), "not-the-key").projects())
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401))
                    .hasMessage("wrong API key");
            assertThatThrownBy(() -> new HubHttpClient(hub.url(), "not-the-key")
                    .registerProject(NewProject.of("p", home.toString())))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401))
                    .hasMessage("wrong API key");
        }
    }

    @Test
    void aHubRefusesToListenBeyondLoopbackWithoutAKey() {
        HubConfig open = HubConfig.defaults(home).withPort(0).withHost("0.0.0.0");
        assertThatThrownBy(() -> Hub.builder().config(open).build().start())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("refusing to listen on 0.0.0.0 without an api_key");
        try (Hub keyed = Hub.builder().config(open.withApiKey(KEY)).build().start()) {
            assertThat(new HubHttpClient("http://127.0.0.1:" + keyed.port(), KEY).health().status()).isEqualTo("ok");
        }
    }

    @Test
    void stateChangingRequestsFromAForeignOriginAreRefused() {
        try (TestHub hub = TestHub.start(home)) {
            Http http = new Http(hub.url());
            String body = "{\"name\":\"p\",\"path\":\"" + home + "\"}";
            Http.Reply foreign = http.header("Origin", "https://evil.example").post("/projects", body);
            assertThat(foreign.status()).isEqualTo(403);
            assertThat(foreign.error()).contains("origin https://evil.example");
            assertThat(http.header("Sec-Fetch-Site", "cross-site").post("/projects", body).status()).isEqualTo(403);
            assertThat(hub.api().projects()).isEmpty();
            String self = hub.url();
            assertThat(http.header("Origin", self).post("/projects", body).status()).isEqualTo(201);
            assertThat(http.header("Origin", "https://evil.example").get("/projects").status())
                    .as("reads are not state changes").isEqualTo(200);
        }
    }

    @Test
    void withoutAKeyOnlyLocalHostNamesAreServed() {
        try (TestHub hub = TestHub.start(home)) {
            String rebound = rawGet(hub.hub().port(), "attacker.example:" + hub.hub().port());
            assertThat(rebound).startsWith("HTTP/1.1 403").contains("requests for host 'attacker.example' are refused");
            assertThat(rawGet(hub.hub().port(), "localhost:" + hub.hub().port())).startsWith("HTTP/1.1 200");
        }
    }

    /** A GET with a Host header of our choosing, which Java's HTTP client will not send. */
    private static String rawGet(int port, String host) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /tasks HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theInProcessApiNeedsNoKey() {
        try (TestHub hub = TestHub.start(home, c -> c.withApiKey(KEY))) {
            assertThat(hub.api().registerProject(NewProject.of("p", home.toString())).name()).isEqualTo("p");
        }
    }
}
