package dev.dobby.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.gpu.FakeNvidiaSmi;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.client.WorkHttpClient;
import dev.dobby.protocol.gpu.GpuReport;
import dev.dobby.protocol.gpu.GpuState;
import dev.dobby.protocol.gpu.NewTrackedJob;
import dev.dobby.protocol.gpu.TrackedJob;
import dev.dobby.protocol.work.WorkerHello;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPUs view in real Chromium: live GPU cards with sparklines, a stale worker, and stopping a tracked job. */
class DashboardGpusTest {
    @TempDir
    Path home;

    @Test
    void gpuCardsStaleWorkersAndTrackedJobs() throws Exception {
        FakeNvidiaSmi smi = new FakeNvidiaSmi(home.resolve("smi")).twoGpus(20000, 55).apps("");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", smi.bin + File.pathSeparator + System.getenv("PATH"));
        Process sleeper = new ProcessBuilder("setsid", "sleep", "300").start();
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withGpuPollInterval(Duration.ofSeconds(1)),
                b -> b.gpuSampleInterval(Duration.ofSeconds(1))
                        .worker(new WorkerSettings(env, null, null, null, null)));
             Browser browser = Browser.start()) {
            // A spoke that reports once and then goes silent.
            WorkHttpClient ghost = new WorkHttpClient(hub.url(), null, (what, failure, wait) -> { });
            ghost.register(new WorkerHello("ghost", new Spoke.Capabilities(List.of(), List.of(), "Linux", 1, 1,
                    List.of()), "test"));
            ghost.reportGpus(new GpuReport("ghost", Instant.now(), null, List.of(new GpuState(0, "Tesla T4",
                    "GPU-t4", 3, 100, 15360, 40, 20.0, 70.0, List.of(), List.of())), List.of()));
            TrackedJob job = hub.api().trackJob(new NewTrackedJob(null, "local", sleeper.pid(), null, null, "sleeper"));

            browser.open(hub.url() + "/dashboard#/gpus");
            browser.text("[data-worker='local'] [data-gpu='0'] h3", "GPU 0 · NVIDIA A100-SXM4-80GB");
            browser.text("[data-worker='local'] [data-gpu='0'] .gpu-util", "55% busy");
            browser.text("[data-worker='local'] [data-gpu='0'] .gpu-mem", "20000 / 81920 MiB");
            browser.visible("[data-worker='local'] [data-gpu='0'] svg.sparkline");
            assertThat(browser.find("[data-worker='local'] [data-gpu='0'] svg.sparkline polyline")
                    .getAttribute("points")).contains(",");
            browser.text("section.gpu-worker.stale[data-worker='ghost'] .pill", "stale");
            assertThat(browser.all("section.gpu-worker.stale[data-worker='local']")).isEmpty();

            smi.apps(FakeNvidiaSmi.UUID1 + ", " + sleeper.pid() + ", sleep, 512\n");
            browser.text("[data-worker='local'] [data-gpu='1'] .gpu-process.outside",
                    "outside Dobby: " + System.getProperty("user.name") + " · sleep 300 · 512 MiB");

            browser.text("tr[data-job='" + job.id() + "'] .job-state", "running");
            browser.find("tr[data-job='" + job.id() + "'] button").click();
            browser.text("tr[data-job='" + job.id() + "'] .job-state", "stopped");
            assertThat(sleeper.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Await.until(() -> hub.api().jobs(null).getFirst().state() == TrackedJob.State.STOPPED,
                    Duration.ofSeconds(5), "the stop to be recorded");
            browser.screenshot("gpus");

            // Under its task, in the task's details.
            DashboardFixture.project(hub, "train");
            long task = hub.shell("train", "true").id();
            hub.awaitEnd(task, Duration.ofSeconds(20));
            TrackedJob slurm = hub.api().trackJob(new NewTrackedJob(task, null, null, "4242", null, null));
            browser.open(hub.url() + "/dashboard#/tasks/" + task + "/details");
            browser.text("#task-jobs li[data-job='" + slurm.id() + "']", "job " + slurm.id() + " on local: running");
            DashboardFixture.assertCleanConsole(browser);
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
