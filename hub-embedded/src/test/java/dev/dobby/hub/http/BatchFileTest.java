package dev.dobby.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.BatchYaml;
import dev.dobby.protocol.TaskQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** POST /batches with a YAML batch file: all or nothing, and hostile files are turned away with the queue unchanged. */
class BatchFileTest {
    @TempDir
    Path home;
    TestHub hub;
    Http yaml;

    @BeforeEach
    void start() {
        hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0));
        hub.project("web");
        hub.project("docs");
        yaml = new Http(hub.url()).header("Content-Type", "application/yaml");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private long queued() {
        return hub.api().listTasks(TaskQuery.all()).total();
    }

    @Test
    void aBatchFileQueuesItsTasksWithTheirDependencies() {
        Http.Reply reply = yaml.post("/batches", """
                name: release
                tasks:
                  - name: build
                    description: make build
                    project: web
                    backend: shell
                  - name: notes
                    description: write the release notes
                    project: docs
                    priority: high
                    after: build
                  - description: announce
                    project: web
                    after: [build, notes]
                """);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode batch = reply.json();
        assertThat(batch.path("name").asText()).isEqualTo("release");
        assertThat(batch.path("total").asInt()).isEqualTo(3);
        List<String> descriptions = new ArrayList<>();
        batch.path("tasks").forEach(t -> descriptions.add(t.path("description").asText()));
        assertThat(descriptions).containsExactly("make build", "write the release notes", "announce");
        long build = batch.path("tasks").get(0).path("id").asLong();
        long notes = batch.path("tasks").get(1).path("id").asLong();
        assertThat(batch.path("tasks").get(0).path("status").asText()).isEqualTo("pending");
        assertThat(batch.path("tasks").get(1).path("depends_on").get(0).asLong()).isEqualTo(build);
        assertThat(batch.path("tasks").get(2).path("depends_on").toString()).isEqualTo("[" + build + "," + notes + "]");

        Http.Reply status = new Http(hub.url()).get("/batches/" + batch.path("id").asLong());
        assertThat(status.json().path("counts").path("blocked").asInt()).isEqualTo(2);
        assertThat(status.json().path("progress").asDouble()).isZero();
    }

    @Test
    void textYamlIsAcceptedToo() {
        Http.Reply reply = new Http(hub.url()).header("Content-Type", "text/yaml; charset=utf-8")
                .post("/batches", "- {description: one, project: web}\n");
        assertThat(reply.status()).isEqualTo(201);
    }

    @Test
    void aFileWithOneBadTaskQueuesNothing() {
        Http.Reply reply = yaml.post("/batches", """
                - {name: a, description: one, project: web}
                - {name: b, description: two, project: nowhere, after: a}
                """);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("batch task 'b': project 'nowhere' is not registered; register it first"
                + " (dobby register PATH --name nowhere)");
        Http.Reply cycle = yaml.post("/batches", """
                - {name: a, description: one, project: web, after: b}
                - {name: b, description: two, project: web, after: a}
                """);
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.error()).isEqualTo("batch dependencies form a cycle: a -> b -> a");
        assertThat(queued()).isZero();
    }

    @Test
    @Timeout(30)
    void hostileFilesAreRefusedWithAClearErrorAndTheQueueUnchanged() {
        hub.api().createBatch(dev.dobby.protocol.BatchYaml.parse("- {description: existing, project: web}"));
        long before = queued();
        expectRefusal(billionLaughs(), 400, "anchors and aliases are not allowed in batch files");
        expectRefusal("tasks: " + "[".repeat(50_000) + "]".repeat(50_000), 400,
                "nested more than " + BatchYaml.MAX_DEPTH + " levels deep");
        expectRefusal(huge(BatchYaml.MAX_BYTES + 100), 400, "the batch file is larger than 1024 KiB");
        expectRefusal(huge(3 * 1024 * 1024), 413, "the request body is larger than");
        expectRefusal("- !!python/object/apply:os.system [\"touch pwned\"]\n", 400, "YAML tags are not allowed");
        expectRefusal("- {description: !custom x, project: web}\n", 400, "the tag 'custom'");
        expectRefusal("- {description: one, project: web}\n- description: [unclosed\n", 400,
                "the batch file is not valid YAML");
        assertThat(queued()).isEqualTo(before);
        assertThat(new Http(hub.url()).get("/health").status()).as("the hub is still well").isEqualTo(200);
    }

    private void expectRefusal(String body, int status, String message) {
        Http.Reply reply = yaml.post("/batches", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.error()).contains(message);
    }

    private static String billionLaughs() {
        StringBuilder out = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            out.append("a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 10; k++) {
                out.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            out.append("]\n");
        }
        return out.append("tasks: *a9\n").toString();
    }

    private static String huge(int bytes) {
        StringBuilder out = new StringBuilder("tasks:\n");
        String line = "  - {description: " + "y".repeat(500) + ", project: web}\n";
        while (out.length() < bytes) {
            out.append(line);
        }
        return out.toString();
    }
}
