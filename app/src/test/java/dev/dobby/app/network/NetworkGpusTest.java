package dev.dobby.app.network;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.testing.AppTest;
import dev.dobby.app.testing.Ellipses;
import dev.dobby.app.testing.Screenshots;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.work.WorkerHello;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The Network view of the real app: each worker's GPUs as memory bars, greyed as stale once it stops reporting. */
class NetworkGpusTest extends AppTest {
    @Test
    void eachWorkerShowsItsGpusMemoryAndALostOrStoppedWorkersGpusAreStale(FxRobot robot) {
        app.awaitReady();
        robot.clickOn("#nav-network");
        register("gpu-box", List.of(new Spoke.Gpu(0, "NVIDIA H100", 81920, 40960, 55),
                new Spoke.Gpu(1, "NVIDIA H100", 81920, 77824, 98), new Spoke.Gpu(2, "NVIDIA H100", 81920, 61440, 70),
                new Spoke.Gpu(3, "NVIDIA H100", 81920, 0, 0)));
        register("old-box", List.of(new Spoke.Gpu(0, "RTX 4090", 24576, 2048, 3)));

        awaitUi(() -> robot.lookup("#gpus-gpu-box").tryQuery().isPresent()
                && robot.lookup("#gpus-old-box").tryQuery().isPresent(), b -> b, "both workers' GPUs");
        assertThat(fx(() -> robot.lookup("#gpus-gpu-box .label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList()))
                .containsExactly("GPU 0 · NVIDIA H100", "40.0 / 80.0 GiB", "GPU 1 · NVIDIA H100", "76.0 / 80.0 GiB",
                        "GPU 2 · NVIDIA H100", "60.0 / 80.0 GiB", "GPU 3 · NVIDIA H100", "0.0 / 80.0 GiB");
        assertThat(bar(robot, "gpu-box", 2).getStyleClass()).as("three quarters full").contains("usage-warn");
        javafx.geometry.Bounds last = fx(() -> robot.lookup("#gpu-memory-text-gpu-box-3").query()
                .localToScene(robot.lookup("#gpu-memory-text-gpu-box-3").query().getBoundsInLocal()));
        javafx.geometry.Bounds graph = fx(() -> robot.lookup("#network-graph").query()
                .localToScene(robot.lookup("#network-graph").query().getBoundsInLocal()));
        assertThat(last.getMaxY()).as("the last GPU inside the graph").isLessThanOrEqualTo(graph.getMaxY());
        assertThat(bar(robot, "gpu-box", 0).getProgress()).isEqualTo(0.5);
        assertThat(bar(robot, "gpu-box", 0).getStyleClass()).contains("usage-ok");
        assertThat(bar(robot, "gpu-box", 1).getStyleClass()).as("nearly full").contains("usage-high");
        assertThat(fx(() -> robot.lookup("#gpus-gpu-box").query().getStyleClass())).doesNotContain("stale");
        assertThat(robot.lookup("#worker-local .graph-gpus").tryQuery()).as("the local worker has no GPUs").isEmpty();
        assertThat(fx(() -> Ellipses.in(app.centre().stage().getScene().getRoot()))).isEmpty();
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "network-gpus"));

        app.hub().work().deregister("old-box");
        Node stopped = awaitUi(() -> robot.lookup("#gpus-old-box").tryQuery().orElse(null),
                n -> n != null && n.getStyleClass().contains("stale"), "the stopped worker's GPUs greyed");
        assertThat(fx(() -> ((Label) robot.lookup("#gpus-stale-old-box").query()).getText()))
                .isEqualTo("GPUs as last reported (stale)");
        // The greying is a stylesheet rule: it takes effect on the pulse after the style class changed.
        awaitUi(stopped::getOpacity, o -> o < 1.0, "the stopped worker's GPUs dimmed");
        assertThat(bar(robot, "old-box", 0).getStyleClass()).contains("gpu-stale");
        assertThat(fx(() -> robot.lookup("#gpus-gpu-box").query().getStyleClass())).doesNotContain("stale");

        app.clock().step(app.hub().config().leaseTimeout().plusSeconds(5));
        app.hub().tick();
        awaitUi(() -> robot.lookup("#gpus-gpu-box").query().getStyleClass(), c -> c.contains("stale"),
                "the lost worker's GPUs greyed");
        assertThat(bar(robot, "gpu-box", 1).getStyleClass()).contains("gpu-stale").doesNotContain("usage-high");
        assertThat(fx(() -> Ellipses.in(app.centre().stage().getScene().getRoot()))).isEmpty();
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "network-gpus-stale"));
    }

    private void register(String id, List<Spoke.Gpu> gpus) {
        app.hub().work().register(new WorkerHello(id, new Spoke.Capabilities(List.of(Backend.SHELL), List.of("gpu"),
                "Linux", 32, 4, gpus), "test"), false, null);
    }

    private static ProgressBar bar(FxRobot robot, String worker, int gpu) {
        return fx(() -> robot.lookup("#gpu-memory-" + worker + "-" + gpu).queryAs(ProgressBar.class));
    }
}
