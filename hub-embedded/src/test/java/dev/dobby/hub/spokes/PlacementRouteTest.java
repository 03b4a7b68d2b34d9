package dev.dobby.hub.spokes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.DetailStatus;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskQuery;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /attempts/{id}/placement} by hand: what the task's detail shows, and what is refused. */
@Timeout(60)
class PlacementRouteTest {
    private static final String HELLO = """
            {"id":"cluster","capabilities":{"backends":["shell"],"tags":[],"os":"test","cpus":2,"max_concurrent":4,
             "gpus":[]},"version":"test"}""";

    @TempDir
    Path home;

    @Test
    void aQueuedJobIsTheRunningTasksWaitingReasonAndBadReportsAreRefused() {
        try (TestHub hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0))) {
            hub.project("p");
            Http http = new Http(hub.url());
            Http.Reply registered = http.post("/spokes/register", HELLO);
            assertThat(registered.status()).as(registered.body()).isEqualTo(200);
            Http spoke = http.header("Authorization", "Bearer " + registered.json().path("token").asText());
            long taskId = hub.shell("p", "echo hi").id();
            JsonNode assignment = spoke.post("/spokes/cluster/poll?wait_ms=5000", "").json();
            long attempt = assignment.path("attempt").path("attempt_id").asLong();
            Http owner = spoke.header("X-Attempt-Token", assignment.path("attempt").path("token").asText());
            String path = "/attempts/" + attempt + "/placement";

            assertThat(owner.post(path, """
                    {"executor":"slurm","job_id":"812","state":"PENDING","reason":"Resources","partition":"gpu"}""")
                    .status()).isEqualTo(204);
            DetailStatus queued = hub.api().detailStatus(taskId);
            assertThat(queued.status().wire()).isEqualTo("running");
            assertThat(queued.waitingReason()).isEqualTo("queued in Slurm: Resources");
            assertThat(queued.placement().describe()).isEqualTo("slurm job 812 PENDING (partition gpu), reason Resources");
            assertThat(hub.api().getTask(taskId).placement().brief()).isEqualTo("queued in Slurm: Resources");

            assertThat(owner.post(path, """
                    {"executor":"slurm","job_id":"812","state":"RUNNING","node":"n07","partition":"gpu"}""")
                    .status()).isEqualTo(204);
            DetailStatus running = hub.api().detailStatus(taskId);
            assertThat(running.waitingReason()).isNull();
            assertThat(running.placement().describe()).isEqualTo("slurm job 812 RUNNING on n07 (partition gpu)");
            // Lists carry the running attempt's job, so that `dobby status` and the network need no call per task.
            long other = hub.shell("p", "echo not placed").id();
            List<Task> listed = hub.api().listTasks(TaskQuery.all()).tasks();
            assertThat(listed).extracting(Task::id).containsExactly(other, taskId);
            assertThat(listed.getFirst().placement()).isNull();
            assertThat(listed.get(1).placement().brief()).isEqualTo("slurm 812 RUNNING on n07 (gpu)");
            JsonNode wire = http.get("/tasks?status=running").json().path("tasks").get(0).path("placement");
            assertThat(wire.path("job_id").asText()).isEqualTo("812");
            assertThat(wire.path("node").asText()).isEqualTo("n07");

            Http.Reply noJob = owner.post(path, "{\"executor\":\"slurm\",\"state\":\"RUNNING\"}");
            assertThat(noJob.status()).isEqualTo(400);
            assertThat(noJob.body()).contains("placement needs executor and job_id");
            Http.Reply notJson = owner.post(path, "{");
            assertThat(notJson.status()).isEqualTo(400);
            Http.Reply wrongToken = spoke.header("X-Attempt-Token", "not-the-token").post(path,
                    "{\"executor\":\"slurm\",\"job_id\":\"1\"}");
            assertThat(wrongToken.status()).isEqualTo(409);
            assertThat(http.post(path, "{\"executor\":\"slurm\",\"job_id\":\"1\"}").status()).isEqualTo(401);
            assertThat(hub.api().detailStatus(taskId).placement().jobId()).isEqualTo("812");
        }
    }
}
