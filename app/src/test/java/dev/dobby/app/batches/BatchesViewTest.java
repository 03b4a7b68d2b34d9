package dev.dobby.app.batches;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.shell.Page;
import dev.dobby.app.testing.AppHarness;
import dev.dobby.app.testing.AppTest;
import dev.dobby.app.testing.Ellipses;
import dev.dobby.app.testing.Screenshots;
import dev.dobby.hub.testing.Await;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.shape.Line;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The Batches view of the real app: a batch's progress as it runs, and its tasks with the after edges drawn. */
class BatchesViewTest extends AppTest {
    @Test
    void aBatchShowsItsProgressAndItsTasksAsAGraphOfWhatWaitsForWhat(FxRobot robot) {
        app.awaitReady();
        app.project("demo");
        BatchStatus batch = app.api().createBatch(new NewBatch("nightly build", List.of(
                shell("build", "echo build"),
                shell("test", "exit 3", "build"),
                shell("serve", "sleep 60", "build"),
                shell("report", "echo report", "test", "serve"))));
        Map<String, Long> ids = batch.tasks().stream().collect(Collectors.toMap(Task::description, Task::id));
        long build = ids.get("echo build");
        long test = ids.get("exit 3");
        long serve = ids.get("sleep 60");
        long report = ids.get("echo report");
        Await.until(() -> app.api().batch(batch.id()).counts(), c -> c.getOrDefault(TaskStatus.FAILED, 0) == 1
                && c.getOrDefault(TaskStatus.RUNNING, 0) == 1, AppHarness.LIMIT, "one failed and one running");

        robot.clickOn("#nav-batches");
        String counts = awaitUi(() -> robot.lookup("#batch-counts-" + batch.id()).tryQueryAs(Label.class)
                        .map(Label::getText).orElse(""), t -> t.equals("1 done · 1 failed · 1 running · 1 pending"),
                "the batch's counts in the list");
        assertThat(counts).isEqualTo("1 done · 1 failed · 1 running · 1 pending");
        assertThat(fx(() -> robot.lookup("#batch-finished-" + batch.id()).queryAs(Label.class).getText()))
                .isEqualTo("2 of 4 finished (50%)");
        assertThat(fx(() -> robot.lookup("#batch-" + batch.id() + " .batch-segment").queryAll().stream()
                .map(n -> n.getStyleClass().getLast()).toList()))
                .as("the bar's segments in the status colours")
                .containsExactly("status-fill-completed", "status-fill-failed", "status-fill-running",
                        "status-fill-" + app.api().getTask(report).status().wire());

        // The graph: each task a box in its status colour, an arrow from each task to those that wait for it.
        assertThat(fx(() -> robot.lookup("#batch-graph-title").queryAs(Label.class).getText()))
                .isEqualTo("nightly build · 4 tasks");
        awaitUi(() -> robot.lookup("#dag-task-" + serve).tryQuery().map(Node::getStyleClass).orElse(null),
                c -> c != null && c.contains("status-running"), "the running task's box");
        assertThat(fx(() -> robot.lookup("#dag-task-" + build).query().getStyleClass()))
                .contains("status-completed");
        assertThat(fx(() -> robot.lookup("#dag-task-" + test).query().getStyleClass())).contains("status-failed");
        assertThat(fx(() -> robot.lookup("#dag-task-" + build + " .label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList())).containsExactly("#" + build + " · completed", "echo build");
        List<String> edges = fx(() -> robot.lookup(".dag-edge").queryAllAs(Line.class).stream()
                .map(Node::getId).sorted().toList());
        assertThat(edges).containsExactlyInAnyOrder(
                "dag-edge-" + build + "-" + test, "dag-edge-" + build + "-" + serve,
                "dag-edge-" + test + "-" + report, "dag-edge-" + serve + "-" + report);
        double buildX = fx(() -> robot.lookup("#dag-task-" + build).query().getLayoutX());
        double testX = fx(() -> robot.lookup("#dag-task-" + test).query().getLayoutX());
        double reportX = fx(() -> robot.lookup("#dag-task-" + report).query().getLayoutX());
        assertThat(buildX).as("parents left of their children").isLessThan(testX);
        assertThat(testX).isLessThan(reportX);
        assertThat(fx(() -> Ellipses.in(app.centre().stage().getScene().getRoot()))).isEmpty();
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "batches"));

        // Progress follows the hub: cancelling the running task moves the counts without a reload by hand.
        app.api().cancelTask(serve);
        awaitUi(() -> robot.lookup("#batch-counts-" + batch.id()).queryAs(Label.class).getText(),
                t -> t.contains("1 cancelled"), "the cancel counted");

        robot.doubleClickOn("#dag-task-" + test);
        awaitUi(() -> app.centre().window().current(), p -> p == Page.TASKS, "the Tasks view");
        awaitUi(() -> app.centre().tasks().selectedProperty().get(), t -> t != null && t.id() == test,
                "the failed task opened from the graph");
    }

    private static NewBatch.Entry shell(String ref, String command, String... after) {
        return new NewBatch.Entry(ref, command, "demo", null, Backend.SHELL, null, List.of(after), null, null,
                null);
    }
}
