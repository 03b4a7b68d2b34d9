package dev.dobby.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.TestHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a client sends, the hub answers it as the client's mistake (4xx with a message), never as its own
 * (500 with a stack trace in the log): mutated and truncated bodies, out-of-range numbers, dates and durations.
 */
class MalformedRequestTest {
    private static final String HUGE_DURATION = "106751991167301d";
    private static final List<String> SEEDS = List.of(
            "{\"description\":\"echo hi\",\"project\":\"p\",\"backend\":\"shell\",\"timeout\":60,\"priority\":\"high\"}",
            "{\"description\":\"echo hi\",\"project\":\"p\",\"backend\":\"shell\",\"every\":\"1h\"}",
            "{\"description\":\"echo hi\",\"project\":\"p\",\"cron\":\"0 9 * * MON\",\"depends_on\":[1,2]}",
            "{\"tasks\":[{\"description\":\"a\",\"project\":\"p\",\"backend\":\"shell\"}]}");

    @TempDir
    Path home;
    private TestHub hub;
    private Http http;

    @BeforeEach
    void start() {
        hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0));
        hub.project("p");
        http = new Http(hub.url());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void outOfRangeDurationsAndDatesAre400s() {
        assertBadRequest(http.get("/tasks?since=9999999999999d"));
        assertBadRequest(http.get("/tasks?since=" + HUGE_DURATION));
        assertBadRequest(http.get("/tasks?since=%2B999999999-12-31T23:59:59Z"));
        assertBadRequest(http.get("/tasks?since=-999999999-01-01T00:00:00Z"));
        assertBadRequest(http.post("/tasks", "{\"description\":\"x\",\"project\":\"p\",\"every\":\"" + HUGE_DURATION
                + "\"}"));
        assertBadRequest(http.post("/tasks", "{\"description\":\"x\",\"project\":\"p\",\"every\":\"99999999999999999999s\"}"));
        assertBadRequest(http.header("Content-Type", "application/yaml").post("/batches",
                "defaults:\n  project: p\n  timeout: " + HUGE_DURATION + "\ntasks:\n  - description: a\n"));
        assertBadRequest(http.header("Content-Type", "application/yaml").post("/batches",
                "tasks:\n  - description: a\n    project: p\n    timeout: " + HUGE_DURATION + "\n"));
    }

    @Test
    void mutatedAndTruncatedBodiesNeverGetA5xx() {
        Random random = new Random(20261202);
        List<String> bodies = new ArrayList<>();
        for (String seed : SEEDS) {
            for (int cut = 0; cut < seed.length(); cut += 3) {
                bodies.add(seed.substring(0, cut));
            }
            for (int i = 0; i < 40; i++) {
                bodies.add(mutate(seed, random));
            }
        }
        String[][] routes = {{"POST", "/tasks"}, {"PATCH", "/tasks/1"}, {"POST", "/batches"}, {"POST", "/projects"},
                {"POST", "/tasks/1/retry"}, {"POST", "/auth/session"}, {"POST", "/spokes/register"}};
        hub.shell("p", "echo one");
        int sent = 0;
        for (int i = 0; i < bodies.size(); i++) {
            String[] route = routes[i % routes.length];
            Http.Reply reply = http.send(route[0], route[1], bodies.get(i));
            assertThat(reply.status()).as(route[0] + " " + route[1] + " " + bodies.get(i) + " -> " + reply.body())
                    .isLessThan(500);
            sent++;
        }
        assertThat(sent).isGreaterThan(200);
    }

    @Test
    void oddQueryValuesNeverGetA5xx() {
        String[] values = {"-1", "0", "99999999999999999999", "9223372036854775807", "-9223372036854775808", "1e9",
                "%00", "%FF", "abc", "9999999999999d", "+999999999-12-31T23:59:59Z", "2026-13-45T99:99:99Z", ""};
        String[] paths = {"/tasks?limit=%s", "/tasks?offset=%s", "/tasks?since=%s", "/tasks?batch=%s",
                "/tasks?status=%s", "/results?limit=%s", "/results?offset=%s", "/tasks/1/logs?after=%s",
                "/tasks/1/logs?limit=%s", "/activity?days=%s", "/webhooks?limit=%s", "/tasks/%s", "/schedules/%s",
                "/batches/%s", "/results/%s", "/tasks?cascade=%s"};
        hub.shell("p", "echo one");
        for (String path : paths) {
            for (String value : values) {
                String url = path.formatted(value);
                Http.Reply reply = http.get(url);
                assertThat(reply.status()).as(url + " -> " + reply.body()).isLessThan(500);
            }
        }
    }

    @Test
    void truncatedAndBadlyChunkedBodiesAre400s() {
        int port = hub.hub().port();
        String truncated = raw(port, "POST /tasks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200\r\n\r\n{\"description\":\"x\",");
        assertThat(truncated).startsWith("HTTP/1.1 400");
        String badChunk = raw(port, "POST /tasks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{\"description\"\r\n0\r\n\r\n");
        assertThat(badChunk).startsWith("HTTP/1.1 400");
        String shortChunk = raw(port, "POST /tasks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n40\r\n{\"description\":\"x\"}");
        assertThat(shortChunk).startsWith("HTTP/1.1 400");
    }

    private static void assertBadRequest(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.error()).isNotBlank().doesNotContain("\n").doesNotContain("internal error");
    }

    private static String mutate(String seed, Random random) {
        StringBuilder out = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        String alphabet = "{}[]\":,0123456789-+.eE\\ntfu ";
        for (int e = 0; e < edits && !out.isEmpty(); e++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(4)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 2 -> out.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> out.insert(at, "99999999999999999999");
            }
        }
        return out.toString();
    }

    /** Sends the bytes, stops sending (so a short body ends there), and reads what the hub says. */
    private static String raw(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
