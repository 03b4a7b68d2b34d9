package dev.dobby.hub.spokes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.hub.core.Tokens;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.SpokeProcess;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskFinished;
import dev.dobby.protocol.event.TaskStatusChanged;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker protocol over HTTP, spoken by hand: every message delivered twice and out of order, and every
 * credential where it does not belong.
 */
@Timeout(60)
class SpokeProtocolTest {
    private static final String API_KEY = "the-api-key-0123";
    private static final String SPOKE_TOKEN = "the-spoke-token-0123";
    private static final String HELLO = """
            {"id":"%s","capabilities":{"backends":["shell"],"tags":[],"os":"test","cpus":2,"max_concurrent":1,
             "gpus":[]},"version":"test"}""";

    @TempDir
    Path home;

    private static TestHub hub(Path home) {
        return TestHub.start(home, c -> c.withApiKey(API_KEY).withSpokeToken(SPOKE_TOKEN).withMaxConcurrentAgents(0));
    }

    private static String register(Http http, String id) {
        Http.Reply reply = http.header("Authorization", "Bearer " + SPOKE_TOKEN).post("/spokes/register",
                HELLO.formatted(id));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("token").asText();
    }

    @Test
    void repeatedAndReorderedMessagesEndTheTaskOnceWithItsLogsWhole() throws Exception {
        try (TestHub hub = hub(home)) {
            hub.project("p");
            Http http = new Http(hub.url());
            String credential = register(http, "hand");
            Http spoke = http.header("Authorization", "Bearer " + credential);
            List<HubEvent> events = new CopyOnWriteArrayList<>();
            try (HubApi.Subscription subscription = hub.api().subscribe(HubApi.EventFilter.hub(), events::add)) {
                long taskId = hub.shell("p", "echo never run").id();
                Http.Reply poll = spoke.post("/spokes/hand/poll?wait_ms=5000", "");
                assertThat(poll.status()).isEqualTo(200);
                JsonNode assignment = poll.json();
                assertThat(assignment.path("task_id").asLong()).isEqualTo(taskId);
                long attempt = assignment.path("attempt").path("attempt_id").asLong();
                Http owner = spoke.header("X-Attempt-Token", assignment.path("attempt").path("token").asText());
                String base = "/attempts/" + attempt;
                String beat = "{\"worker_id\":\"hand\",\"running\":[" + assignment.path("attempt") + "],"
                        + "\"capabilities\":null,\"draining\":false}";

                assertThat(spoke.post("/spokes/hand/heartbeat", beat).json().path("stop").size()).isZero();
                assertThat(spoke.post("/spokes/hand/heartbeat", beat).json().path("stop").size()).isZero();
                String started = "{\"pid\":4242,\"process_start\":\"2026-01-01T00:00:00Z\"}";
                assertThat(owner.post(base + "/started", started).status()).isEqualTo(204);
                assertThat(owner.post(base + "/started", started).status()).isEqualTo(204);

                // Chunks 1..4 arrive as 1, 3, 2, 2, 1, 3, 4: each is applied once, in order; each answer names
                // the chunk the hub expects next, which is what a spoke resends from.
                assertThat(next(owner.post(base + "/logs", chunk(1)))).isEqualTo(2);
                assertThat(next(owner.post(base + "/logs", chunk(3)))).isEqualTo(2);
                assertThat(next(owner.post(base + "/logs", chunk(2)))).isEqualTo(3);
                assertThat(next(owner.post(base + "/logs", chunk(2)))).isEqualTo(3);
                assertThat(next(owner.post(base + "/logs", chunk(1)))).isEqualTo(3);
                assertThat(next(owner.post(base + "/logs", chunk(3)))).isEqualTo(4);
                assertThat(next(owner.post(base + "/logs", chunk(4)))).isEqualTo(5);

                String outcome = """
                        {"status":"completed","exit_code":0,"duration_seconds":1.5,"summary":"done","rate_limited":false,
                         "incomplete":false,"log_chunks":4}""";
                Http.Reply finished = owner.post(base + "/finish", outcome);
                assertThat(finished.status()).as(finished.body()).isEqualTo(204);
                assertThat(owner.post(base + "/finish", outcome).status()).isEqualTo(204);
                Http.Reply different = owner.post(base + "/finish", outcome.replace("\"done\"", "\"other\""));
                assertThat(different.status()).isEqualTo(409);
                assertThat(different.error()).contains("already reported a different outcome");
                // Anything more about the attempt is refused, and a heartbeat that still lists it is told to stop.
                assertThat(owner.post(base + "/logs", chunk(5)).status()).isEqualTo(409);
                assertThat(spoke.post("/spokes/hand/heartbeat", beat).json().path("stop").get(0).asLong())
                        .isEqualTo(attempt);

                Task task = hub.api().getTask(taskId);
                assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(hub.api().result(taskId).summary()).isEqualTo("done");
                assertThat(hub.api().logs(taskId, 0, 100).lines()).extracting(LogLine::text)
                        .containsExactly("line 1a", "line 1b", "line 2a", "line 2b", "line 3a", "line 3b",
                                "line 4a", "line 4b");
                Await.until(() -> events.stream().anyMatch(e -> e instanceof TaskFinished), Duration.ofSeconds(5),
                        "the finish event");
                assertThat(events).filteredOn(e -> e instanceof TaskFinished).hasSize(1);
                assertThat(events).filteredOn(e -> e instanceof TaskStatusChanged changed
                        && changed.to() == TaskStatus.COMPLETED).hasSize(1);
            }
        }
    }

    private static String chunk(int n) {
        return "{\"number\":" + n + ",\"lines\":[{\"stream\":\"stdout\",\"text\":\"line " + n + "a\"},"
                + "{\"stream\":\"stdout\",\"text\":\"line " + n + "b\"}]}";
    }

    private static long next(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("next_expected").asLong();
    }

    @Test
    void enrolmentTakesTheSpokeTokenOrApiKeyAndNothingElse() {
        try (TestHub hub = hub(home)) {
            Http http = new Http(hub.url());
            Http.Reply none = http.post("/spokes/register", HELLO.formatted("x"));
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.error()).contains("enrolment token");
            assertThat(http.header("Authorization", "Bearer wrong-token-123").post("/spokes/register",
                    HELLO.formatted("x")).error()).isEqualTo("wrong enrolment token");
            assertThat(http.header("Authorization", "Bearer " + API_KEY).post("/spokes/register",
                    HELLO.formatted("by-key")).status()).isEqualTo(200);
            String credential = register(http, "x");
            assertThat(credential).hasSizeGreaterThan(30).isNotEqualTo(SPOKE_TOKEN);

            Http.Reply local = http.header("Authorization", "Bearer " + SPOKE_TOKEN).post("/spokes/register",
                    HELLO.formatted("local"));
            assertThat(local.status()).isEqualTo(409);
            Http.Reply badId = http.header("Authorization", "Bearer " + SPOKE_TOKEN).post("/spokes/register",
                    HELLO.formatted("../x"));
            assertThat(badId.status()).isEqualTo(400);
        }
    }

    @Test
    void aCallerWithoutTheCredentialCannotTellWhichSpokesExist() {
        try (TestHub hub = hub(home)) {
            Http http = new Http(hub.url());
            register(http, "real");
            Http stranger = http.header("Authorization", "Bearer a-guess-0123456789");
            for (String route : List.of("/heartbeat", "/poll?wait_ms=0", "/deregister")) {
                Http.Reply known = stranger.post("/spokes/real" + route, "{}");
                Http.Reply unknown = stranger.post("/spokes/ghost" + route, "{}");
                assertThat(known.status()).as(route).isEqualTo(401);
                assertThat(unknown.status()).as(route).isEqualTo(401);
                assertThat(unknown.error().replace("ghost", "real")).isEqualTo(known.error());
                assertThat(http.post("/spokes/ghost" + route, "{}").status()).isEqualTo(401);
            }
        }
    }

    @Test
    void aDeregisteredSpokesCredentialStopsWorking() {
        try (TestHub hub = hub(home)) {
            Http http = new Http(hub.url());
            Http spoke = http.header("Authorization", "Bearer " + register(http, "leaving"));
            String beat = "{\"worker_id\":\"leaving\",\"running\":[],\"capabilities\":null,\"draining\":false}";
            assertThat(spoke.post("/spokes/leaving/heartbeat", beat).status()).isEqualTo(200);
            assertThat(spoke.post("/spokes/leaving/deregister", "").status()).isEqualTo(204);

            assertThat(spoke.post("/spokes/leaving/heartbeat", beat).status()).isEqualTo(401);
            assertThat(spoke.post("/spokes/leaving/poll?wait_ms=0", "").status()).isEqualTo(401);
            Http again = http.header("Authorization", "Bearer " + register(http, "leaving"));
            assertThat(again.post("/spokes/leaving/heartbeat", beat).status()).isEqualTo(200);
        }
    }

    @Test
    void eachCredentialOpensOnlyItsOwnDoor() throws Exception {
        try (TestHub hub = hub(home)) {
            hub.project("p");
            Http http = new Http(hub.url());
            String mine = register(http, "mine");
            String theirs = register(http, "theirs");
            String beat = "{\"worker_id\":\"mine\",\"running\":[],\"capabilities\":null,\"draining\":false}";

            // The enrolment token, the API key and another spoke's credential do not stand in for mine.
            for (String wrong : List.of(SPOKE_TOKEN, API_KEY, theirs)) {
                Http.Reply refused = http.header("Authorization", "Bearer " + wrong).post("/spokes/mine/heartbeat", beat);
                assertThat(refused.status()).as(wrong).isEqualTo(401);
                assertThat(http.header("Authorization", "Bearer " + wrong).post("/spokes/mine/poll?wait_ms=0", "")
                        .status()).isEqualTo(401);
            }
            Http spoke = http.header("Authorization", "Bearer " + mine);
            assertThat(spoke.post("/spokes/mine/heartbeat", beat).status()).isEqualTo(200);
            // ... and mine opens nothing of the rest of the API.
            assertThat(spoke.get("/tasks").status()).isEqualTo(401);
            assertThat(spoke.get("/spokes").status()).isEqualTo(401);
            assertThat(http.header("Authorization", "Bearer " + API_KEY).get("/spokes").status()).isEqualTo(200);

            long taskId = hub.shell("p", "true").id();
            JsonNode assignment = spoke.post("/spokes/mine/poll?wait_ms=5000", "").json();
            assertThat(assignment.path("task_id").asLong()).isEqualTo(taskId);
            String attempt = "/attempts/" + assignment.path("attempt").path("attempt_id").asLong();
            String token = assignment.path("attempt").path("token").asText();
            String outcome = "{\"status\":\"completed\",\"duration_seconds\":0.1,\"rate_limited\":false,"
                    + "\"incomplete\":false,\"log_chunks\":0}";
            assertThat(spoke.post(attempt + "/finish", outcome).status()).isEqualTo(400);
            assertThat(spoke.header("X-Attempt-Token", "not-the-token").post(attempt + "/finish", outcome).status())
                    .isEqualTo(409);
            assertThat(http.header("Authorization", "Bearer " + theirs).header("X-Attempt-Token", token)
                    .post(attempt + "/finish", outcome).status()).isEqualTo(401);
            assertThat(hub.api().getTask(taskId).status()).isEqualTo(TaskStatus.RUNNING);
            assertThat(spoke.header("X-Attempt-Token", token).post(attempt + "/finish", outcome).status())
                    .isEqualTo(204);
            assertThat(hub.api().getTask(taskId).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(spoke.post("/spokes/nobody/heartbeat", beat).status()).isEqualTo(401);
        }
        // The hub kept a hash of each credential, never the credential itself.
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("dobby.db"));
             ResultSet rows = db.createStatement().executeQuery("SELECT id, token_hash FROM spokes ORDER BY id")) {
            int seen = 0;
            while (rows.next()) {
                assertThat(rows.getString("token_hash")).hasSize(64).matches("[0-9a-f]+");
                seen++;
            }
            assertThat(seen).isEqualTo(2);
        }
    }

    @Test
    void anAssignmentNobodyConfirmsGoesBackWithoutUsingUpTheRetry() {
        try (TestHub hub = TestHub.start(home, c -> c.withLease(SpokeCrashTest.LEASE, SpokeCrashTest.HEARTBEAT)
                .withMaxConcurrentAgents(0))) {
            hub.project("p");
            Http http = new Http(hub.url());
            Http spoke = http.header("Authorization", "Bearer "
                    + http.post("/spokes/register", HELLO.formatted("ghost")).json().path("token").asText());
            long id = hub.shell("p", "true").id();

            // The answer to this poll is "lost": the spoke never confirms it.
            assertThat(spoke.post("/spokes/ghost/poll?wait_ms=5000", "").status()).isEqualTo(200);
            Task back = Await.until(() -> hub.api().getTask(id), t -> t.status() == TaskStatus.PENDING,
                    Duration.ofSeconds(20), "the unconfirmed task to come back");
            assertThat(back.statusReason()).isEqualTo("worker ghost never confirmed the assignment; queued again");

            // Confirmed, then silent: the one retry a lost run gets is still there...
            confirmThenGoSilent(spoke);
            Task again = Await.until(() -> hub.api().getTask(id), t -> t.status() != TaskStatus.RUNNING,
                    Duration.ofSeconds(20), "the silent attempt to end");
            assertThat(again.status()).isEqualTo(TaskStatus.PENDING);
            assertThat(again.statusReason()).contains("stopped answering").contains("queued again");
            // ... and used up by the second silent run.
            confirmThenGoSilent(spoke);
            Task failed = Await.until(() -> hub.api().getTask(id), t -> t.status() != TaskStatus.RUNNING,
                    Duration.ofSeconds(20), "the second silent attempt to end");
            assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(failed.statusReason()).contains("not retried again");
            assertThat(failed.attempts()).isEqualTo(3);
        }
    }

    private static void confirmThenGoSilent(Http spoke) {
        // Back from silence: a heartbeat first, as a spoke's timer would send (the hub hands a lost spoke nothing).
        spoke.post("/spokes/ghost/heartbeat", "{\"worker_id\":\"ghost\",\"running\":[],\"capabilities\":null,"
                + "\"draining\":false}");
        JsonNode assignment = spoke.post("/spokes/ghost/poll?wait_ms=5000", "").json();
        String beat = "{\"worker_id\":\"ghost\",\"running\":[" + assignment.path("attempt") + "],"
                + "\"capabilities\":null,\"draining\":false}";
        assertThat(spoke.post("/spokes/ghost/heartbeat", beat).json().path("stop").size()).isZero();
    }

    @Test
    void aNewPollFromASpokeEndsItsOldOne() throws Exception {
        try (TestHub hub = hub(home)) {
            Http http = new Http(hub.url());
            Http spoke = http.header("Authorization", "Bearer " + register(http, "twice"));
            var first = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> spoke.post("/spokes/twice/poll?wait_ms=20000", "").status());
            Thread.sleep(500);
            var second = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> spoke.post("/spokes/twice/poll?wait_ms=1000", "").status());
            assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(204);
            assertThat(second.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(204);
        }
    }

    @Test
    void aSpokeWithoutTheRightTokenSaysSoAndExits() throws Exception {
        try (TestHub hub = hub(home.resolve("hub"));
             SpokeProcess wrong = SpokeProcess.builder(home.resolve("s"), hub.url(), "s").token("not-the-token")
                     .launch()) {
            assertThat(wrong.awaitExit(Duration.ofSeconds(30))).isEqualTo(4);
            assertThat(wrong.stdout()).containsExactly(
                    "dobby agent: the hub refused to register spoke s: wrong enrolment token");
            assertThat(hub.api().spokes()).extracting(s -> s.id()).doesNotContain("s");
        }
    }

    @Test
    void aHubWithoutKeysOnLoopbackEnrolsWithoutAToken() {
        try (TestHub hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0))) {
            Http http = new Http(hub.url());
            Http.Reply reply = http.post("/spokes/register", HELLO.formatted("open"));
            assertThat(reply.status()).isEqualTo(200);
            String credential = reply.json().path("token").asText();
            assertThat(Tokens.sha256(credential)).hasSize(64);
            String beat = "{\"worker_id\":\"open\",\"running\":[],\"capabilities\":null,\"draining\":false}";
            // Even here the later calls need the spoke's own credential.
            assertThat(http.post("/spokes/open/heartbeat", beat).status()).isEqualTo(401);
            assertThat(http.header("Authorization", "Bearer " + credential).post("/spokes/open/heartbeat", beat)
                    .status()).isEqualTo(200);
        }
    }
}
