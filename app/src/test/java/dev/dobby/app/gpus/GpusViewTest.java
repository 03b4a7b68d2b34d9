package dev.dobby.app.gpus;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.testing.AppHarness;
import dev.dobby.app.testing.AppTest;
import dev.dobby.app.testing.Ellipses;
import dev.dobby.app.testing.Screenshots;
import dev.dobby.hub.testing.Await;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.client.WorkHttpClient;
import dev.dobby.protocol.gpu.GpuProcess;
import dev.dobby.protocol.gpu.GpuReport;
import dev.dobby.protocol.gpu.GpuState;
import dev.dobby.protocol.gpu.NewTrackedJob;
import dev.dobby.protocol.gpu.TrackedJob;
import dev.dobby.protocol.work.WorkerHello;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The GPUs page: a card per GPU with its figures and processes, and a tracked job asked to stop from its row. */
class GpusViewTest extends AppTest {
    private Process sleeper;

    @AfterEach
    void stopSleeper() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void eachGpuIsACardWithItsFiguresAndProcessesAndATrackedJobIsAskedToStopFromItsRow(FxRobot robot) throws Exception {
        app.awaitReady();
        // A spoke on loopback that registers and reports its GPUs the way a real one does.
        WorkHttpClient spoke = new WorkHttpClient(app.hub().localUrl().toString(), null, null);
        spoke.register(new WorkerHello("gpu-box", new Spoke.Capabilities(List.of(Backend.SHELL),
                List.of("gpu"), "Linux", 32, 4, List.of(new Spoke.Gpu(0, "NVIDIA H100", 81920, 40960, 55),
                new Spoke.Gpu(1, "NVIDIA H100", 81920, 0, 0))), "test"));
        spoke.reportGpus(new GpuReport("gpu-box", Instant.now(), null, List.of(
                new GpuState(0, "NVIDIA H100", "GPU-0", 55, 40960, 81920, 61, 300.0, 700.0,
                        List.of(new GpuProcess(4242, "python", 20480, null, "alice", "python train.py")), null),
                new GpuState(1, "NVIDIA H100", "GPU-1", 0, 0, 81920, null, null, null, null, null)), List.of()));
        sleeper = new ProcessBuilder("setsid", "sleep", "300").start();
        TrackedJob job = app.api().trackJob(new NewTrackedJob(null, null, sleeper.pid(), null, null, "sleeper"));

        robot.clickOn("#nav-gpus");
        String figures = awaitUi(() -> robot.lookup("#gpu-figures-gpu-box-0").tryQueryAs(Label.class)
                .map(Label::getText).orElse(""), t -> !t.isEmpty(), "the first GPU's card");
        assertThat(figures).isEqualTo("55% busy · 40960 / 81920 MiB · 61°C");
        assertThat(fx(() -> robot.lookup("#gpu-figures-gpu-box-1").queryAs(Label.class).getText()))
                .as("no temperature where the driver gives none").isEqualTo("0% busy · 0 / 81920 MiB");
        assertThat(fx(() -> robot.lookup("#gpu-card-gpu-box-0 .label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList()))
                .contains("GPU 0 · NVIDIA H100", "utilisation", "memory",
                        "outside Dobby: alice · python train.py · 20480 MiB");
        assertThat(fx(() -> robot.lookup("#gpu-worker-gpu-box").queryAs(Label.class).getText())).isEqualTo("gpu-box");

        String line = awaitUi(() -> robot.lookup("#gpu-job-" + job.id()).tryQueryAs(Label.class).map(Label::getText)
                .orElse(""), t -> !t.isEmpty(), "the tracked job's row");
        assertThat(line).isEqualTo("job " + job.id() + " (process " + sleeper.pid() + ", sleeper) on local · running");
        assertThat(fx(() -> Ellipses.in(app.centre().stage().getScene().getRoot()))).isEmpty();
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "gpus"));

        // Stopping is the worker's to do; the hub records the request and the row offers Stop no more.
        robot.clickOn("#gpu-job-stop-" + job.id());
        Await.until(() -> app.api().jobs(null).getFirst().stopRequested(), asked -> asked, AppHarness.LIMIT,
                "the stop request at the hub");
        awaitUi(() -> robot.lookup("#gpu-job-stop-" + job.id()).tryQuery().isPresent(), present -> !present,
                "the Stop button gone once asked");
    }
}
