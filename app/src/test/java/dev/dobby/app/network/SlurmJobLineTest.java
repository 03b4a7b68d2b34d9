package dev.dobby.app.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.app.fx.Background;
import dev.dobby.app.tasks.TaskDetailModel;
import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.TestHub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task a Slurm spoke runs as a job: the Network view's worker and the task's details show the job. The spoke is
 * played over HTTP, reporting its job through the placement route.
 */
class SlurmJobLineTest {
    private static final String HELLO = """
            {"id":"cluster","capabilities":{"backends":["shell"],"tags":[],"os":"test","cpus":2,"max_concurrent":4,
             "gpus":[],"executor":"slurm"},"version":"test"}""";

    @TempDir
    Path home;

    @Test
    void theNetworkAndTheTaskDetailsShowTheSlurmJob() {
        try (TestHub hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0))) {
            hub.project("hpc");
            Http http = new Http(hub.url());
            Http spoke = http.header("Authorization", "Bearer "
                    + http.post("/spokes/register", HELLO).json().path("token").asText());
            long task = hub.shell("hpc", "train the model").id();
            JsonNode attempt = spoke.post("/spokes/cluster/poll?wait_ms=5000", "").json().path("attempt");
            Http owner = spoke.header("X-Attempt-Token", attempt.path("token").asText());
            String placement = "/attempts/" + attempt.path("attempt_id").asLong() + "/placement";

            owner.post(placement, """
                    {"executor":"slurm","job_id":"812","state":"PENDING","reason":"Resources","partition":"gpu"}""");
            TaskDetailModel details = new TaskDetailModel(hub.api(), Background.direct());
            details.show(task);
            assertThat(details.factsProperty().get()).endsWith("\nqueued in Slurm: Resources");

            owner.post(placement, """
                    {"executor":"slurm","job_id":"812","state":"RUNNING","node":"n07","partition":"gpu"}""");
            details.show(task);
            assertThat(details.factsProperty().get()).contains("on cluster")
                    .endsWith("\nslurm 812 RUNNING on n07 (gpu)");

            NetworkViewModel network = new NetworkViewModel(hub.api(), Background.direct(), hub.url());
            network.refresh();
            NetworkViewModel.WorkerNode cluster = network.workers().stream()
                    .filter(w -> w.id().equals("cluster")).findFirst().orElseThrow();
            assertThat(cluster.running())
                    .containsExactly("#" + task + " train the model · slurm 812 RUNNING on n07 (gpu)");
            assertThat(cluster.details()).contains("Running:\n  #" + task + " train the model · slurm 812 RUNNING");
            assertThat(cluster.hover()).contains("slurm 812 RUNNING on n07 (gpu)");
        }
    }
}
