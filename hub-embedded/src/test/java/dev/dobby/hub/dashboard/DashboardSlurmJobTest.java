package dev.dobby.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.TestHub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task run as a Slurm job by a spoke, in real Chromium: its job line in the task's header and details, and under
 * the spoke in the Agent network. The spoke is played over HTTP, reporting its job through the placement route.
 */
class DashboardSlurmJobTest {
    private static final String HELLO = """
            {"id":"cluster","capabilities":{"backends":["shell"],"tags":[],"os":"test","cpus":2,"max_concurrent":4,
             "gpus":[],"executor":"slurm"},"version":"test"}""";

    @TempDir
    Path home;

    @Test
    void theSlurmJobOfARunningTaskShowsOnItsPageAndInTheNetwork() {
        try (TestHub hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0));
             Browser browser = Browser.start()) {
            DashboardFixture.project(hub, "hpc");
            Http http = new Http(hub.url());
            Http spoke = http.header("Authorization", "Bearer "
                    + http.post("/spokes/register", HELLO).json().path("token").asText());
            long task = hub.shell("hpc", "train the model").id();
            JsonNode attempt = spoke.post("/spokes/cluster/poll?wait_ms=5000", "").json().path("attempt");
            Http owner = spoke.header("X-Attempt-Token", attempt.path("token").asText());
            String placement = "/attempts/" + attempt.path("attempt_id").asLong() + "/placement";
            assertThat(owner.post(placement, """
                    {"executor":"slurm","job_id":"812","state":"PENDING","reason":"Resources","partition":"gpu"}""")
                    .status()).isEqualTo(204);

            browser.open(hub.url() + "/dashboard#/tasks/" + task + "/details");
            browser.text("#task-job", "queued in Slurm: Resources");
            browser.visible("#all-fields > summary").click();
            browser.text("#task-fields [data-field='placement'] dd", "queued in Slurm: Resources");

            assertThat(owner.post(placement, """
                    {"executor":"slurm","job_id":"812","state":"RUNNING","node":"n07","partition":"gpu"}""")
                    .status()).isEqualTo(204);
            // The page follows the job while it is open.
            browser.text("#task-job", "slurm 812 RUNNING on n07 (gpu)");
            browser.open(hub.url() + "/dashboard#/tasks/" + task + "/details");
            browser.text("#task-job", "slurm 812 RUNNING on n07 (gpu)");
            browser.visible("#all-fields > summary").click();
            browser.text("#task-fields [data-field='placement'] dd", "slurm 812 RUNNING on n07 (gpu)");
            browser.screenshot("task-slurm-job");

            browser.open(hub.url() + "/dashboard#/network");
            browser.text("#workers [data-worker='cluster'] .running-list li", "#" + task + " train the model");
            browser.text("#workers [data-worker='cluster'] .running-list .task-job", "slurm 812 RUNNING on n07 (gpu)");
            // The graph's node has room for the start of the line; its tooltip has all of it.
            browser.text("#network-graph .graph-worker[data-worker='cluster'] .graph-job", "slurm 812 RUNNING on");
            assertThat(browser.find("#network-graph .graph-worker[data-worker='cluster'] .graph-job title")
                    .getAttribute("textContent")).isEqualTo("slurm 812 RUNNING on n07 (gpu)");
            browser.screenshot("network-slurm-job");
            // The network follows the job too.
            assertThat(owner.post(placement, """
                    {"executor":"slurm","job_id":"812","state":"COMPLETING","node":"n07","partition":"gpu"}""")
                    .status()).isEqualTo(204);
            browser.text("#workers [data-worker='cluster'] .running-list .task-job",
                    "slurm 812 COMPLETING on n07 (gpu)");
            // A worker that runs its agents itself shows no job line.
            assertThat(browser.all("#workers [data-worker='local'] .task-job")).isEmpty();
            DashboardFixture.assertCleanConsole(browser);
        }
    }
}
