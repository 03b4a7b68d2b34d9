package dev.dobby.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route answers JSON; every kind of bad request gets a 4xx with a message and changes nothing. */
class HttpApiTest {
    @TempDir
    static Path home;
    static TestHub hub;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start(home);
        http = new Http(hub.url());
        Files.createDirectories(home.resolve("repo"));
        assertThat(http.post("/projects", "{\"name\":\"repo\",\"path\":\"" + home.resolve("repo") + "\"}").status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static long tasks() {
        return hub.api().listTasks(TaskQuery.all()).total();
    }

    @Test
    void aShellTaskGoesThroughTheApiFromSubmissionToResult() {
        Http.Reply created = http.post("/tasks", "{\"description\":\"echo from-api\",\"project\":\"repo\",\"backend\":\"shell\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Content-Type")).startsWith("application/json");
        long id = created.json().path("id").asLong();
        assertThat(created.json().path("status").asText()).isIn("pending", "running");
        hub.awaitStatus(id, TaskStatus.COMPLETED, Duration.ofSeconds(20));

        assertThat(http.get("/tasks/" + id).json().path("exit_code").asInt()).isZero();
        assertThat(http.get("/tasks/" + id + "/logs").json().path("lines").get(0).path("text").asText())
                .isEqualTo("from-api");
        assertThat(http.get("/results/" + id).json().path("summary").asText()).isEqualTo("from-api");
        assertThat(http.get("/results?project=repo").json().path("total").asLong()).isPositive();
        assertThat(http.get("/tasks/" + id + "/detail-status").json().path("last_output").asText()).isEqualTo("from-api");
        assertThat(http.get("/tasks?status=completed&project=repo&q=from-api").json().path("tasks").get(0)
                .path("id").asLong()).isEqualTo(id);
        assertThat(http.get("/stats").json().path("by_status").path("completed").asLong()).isPositive();
        assertThat(http.get("/stats/activity?days=7").json().path("days").get(0).path("completed").asInt()).isPositive();
        assertThat(http.get("/spokes").json().get(0).path("id").asText()).isEqualTo("local");
        assertThat(http.get("/health").json().path("status").asText()).isEqualTo("ok");

        hub.hub().tick();
        Http.Reply artifacts = awaitArtifacts(id);
        assertThat(artifacts.body()).contains("result.json").contains("output.log");
        Http.Reply log = http.get("/tasks/" + id + "/artifacts/output.log");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body()).isEqualTo("from-api\n");
        assertThat(log.header("Content-Disposition")).startsWith("attachment");
    }

    private static Http.Reply awaitArtifacts(long id) {
        return dev.dobby.hub.testing.Await.until(() -> http.get("/tasks/" + id + "/artifacts"),
                r -> r.body().contains("output.log"), Duration.ofSeconds(10), "artifacts of task " + id);
    }

    @Test
    void malformedJsonIsA400() {
        long before = tasks();
        Http.Reply reply = http.post("/tasks", "{\"description\": \"x\", ");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).startsWith("malformed JSON");
        assertThat(tasks()).isEqualTo(before);
    }

    @Test
    void unknownFieldsAreRefusedByName() {
        Http.Reply reply = http.post("/tasks", "{\"description\":\"x\",\"project\":\"repo\",\"priorty\":\"high\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).startsWith("unknown field 'priorty'").contains("priority");
    }

    @Test
    void badEnumValuesListTheAllowedOnes() {
        Http.Reply reply = http.post("/tasks", "{\"description\":\"x\",\"project\":\"repo\",\"priority\":\"asap\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).contains("unknown priority 'asap'").contains("urgent, high, normal, low");
        assertThat(http.get("/tasks?status=done").error()).contains("unknown status 'done'");
    }

    @Test
    void wrongTypesAndMissingFieldsAreNamed() {
        assertThat(http.post("/tasks", "{\"description\":\"x\",\"project\":\"repo\",\"timeout\":\"soon\"}").error())
                .isEqualTo("field 'timeout' must be a number");
        assertThat(http.post("/tasks", "{\"project\":\"repo\"}").error()).isEqualTo("description is required");
        assertThat(http.post("/tasks", "").error()).isEqualTo("this request needs a JSON body");
        assertThat(http.post("/tasks", "[1,2]").status()).isEqualTo(400);
        assertThat(http.post("/tasks", "{\"description\":\"x\",\"project\":\"repo\",\"timeout\":0}").error())
                .contains("timeout must be between 1 and");
    }

    @Test
    void unknownIdsAreA404() {
        assertThat(http.get("/tasks/999999").status()).isEqualTo(404);
        assertThat(http.get("/tasks/999999").error()).isEqualTo("no task 999999");
        assertThat(http.post("/tasks/999999/cancel", "").status()).isEqualTo(404);
        assertThat(http.get("/batches/999999").status()).isEqualTo(404);
        assertThat(http.get("/results/999999").status()).isEqualTo(404);
        assertThat(http.post("/tasks", "{\"description\":\"x\",\"project\":\"nope\"}").error())
                .contains("project 'nope' is not registered");
        assertThat(http.get("/tasks/abc").status()).isEqualTo(400);
        assertThat(http.get("/no/such/route").status()).isEqualTo(404);
        assertThat(http.get("/no/such/route").error()).isEqualTo("Endpoint GET /no/such/route not found");
        Http.Reply wrongMethod = http.send("DELETE", "/tasks", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().has("error")).isTrue();
    }

    @Test
    void oversizedBodiesAreA413() {
        String huge = "{\"description\":\"" + "x".repeat(3 * 1024 * 1024) + "\",\"project\":\"repo\"}";
        long before = tasks();
        Http.Reply reply = http.post("/tasks", huge);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.error()).contains("larger than");
        assertThat(tasks()).isEqualTo(before);
    }

    @Test
    void patchWorksDirectlyAndThroughTheOverrideHeader() {
        long id = http.post("/tasks", "{\"description\":\"later\",\"project\":\"repo\",\"backend\":\"shell\",\"draft\":true}")
                .json().path("id").asLong();
        Http.Reply patched = http.patch("/tasks/" + id, "{\"priority\":\"urgent\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("priority").asText()).isEqualTo("urgent");
        Http.Reply approved = http.header("X-HTTP-Method-Override", "PATCH")
                .post("/tasks/" + id, "{\"status\":\"pending\"}");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().path("status").asText()).isIn("pending", "running");
        assertThat(http.patch("/tasks/" + id, "{\"status\":\"completed\"}").status()).isEqualTo(400);
    }

    @Test
    void stateConflictsAreA409() {
        long id = http.post("/tasks", "{\"description\":\"true\",\"project\":\"repo\",\"backend\":\"shell\"}")
                .json().path("id").asLong();
        hub.awaitStatus(id, TaskStatus.COMPLETED, Duration.ofSeconds(20));
        Http.Reply cancel = http.post("/tasks/" + id + "/cancel", "");
        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.error()).isEqualTo("task " + id + " already ended as completed");
        assertThat(http.post("/tasks/" + id + "/retry", "").status()).isEqualTo(409);
        assertThat(http.post("/projects", "{\"name\":\"repo\",\"path\":\"" + home.resolve("repo") + "\"}").status())
                .isEqualTo(409);
    }

    @Test
    void projectPathsMustBeAbsoluteExistingDirectories() {
        assertThat(http.post("/projects", "{\"name\":\"rel\",\"path\":\"relative/dir\"}").error())
                .isEqualTo("path must be absolute, not 'relative/dir'");
        assertThat(http.post("/projects", "{\"name\":\"gone\",\"path\":\"/no/such/dir\"}").error())
                .contains("is not a directory");
        assertThat(http.post("/projects", "{\"name\":\"../evil\",\"path\":\"/tmp\"}").status()).isEqualTo(400);
    }

    @Test
    void artifactDownloadsCannotLeaveTheTasksFolder() {
        long id = http.post("/tasks", "{\"description\":\"echo hi > \\\"$DOBBY_ARTIFACTS_DIR/note.txt\\\"\","
                + "\"project\":\"repo\",\"backend\":\"shell\"}").json().path("id").asLong();
        hub.awaitStatus(id, TaskStatus.COMPLETED, Duration.ofSeconds(20));
        assertThat(http.get("/tasks/" + id + "/artifacts/note.txt").body()).isEqualTo("hi\n");
        assertThat(http.get("/tasks/" + id + "/artifacts/..%2F..%2Fdobby.db").status()).isIn(400, 404);
        assertThat(http.get("/tasks/" + id + "/artifacts/../../dobby.db").status()).isIn(400, 404);
        assertThat(http.get("/tasks/" + id + "/artifacts/missing.txt").status()).isEqualTo(404);
    }

    @Test
    void eventStreamsNeedTheEventStreamAcceptHeader() {
        Http.Reply reply = http.get("/events");
        assertThat(reply.status()).isEqualTo(406);
        assertThat(reply.error()).contains("text/event-stream");
    }
}
