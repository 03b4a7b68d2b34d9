package dev.dobby.app;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.Styles;
import dev.dobby.app.testing.AppHarness;
import dev.dobby.app.testing.AppTest;
import dev.dobby.app.testing.Ellipses;
import dev.dobby.app.testing.Screenshots;
import dev.dobby.hub.testing.Await;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The New-task dialog of the real app: what the web's dialog offers, checked field by field, reaching the hub. */
class NewTaskDialogTest extends AppTest {
    @Test
    void aTaskWithWorktreeWorkerTagsModelAndTimeoutReachesTheHubWithThem(FxRobot robot) {
        app.awaitReady();
        app.project("demo");
        awaitUi(() -> List.copyOf(app.centre().tasks().projects()), p -> p.contains("demo"), "the project");
        List<String> known = app.api().spokes().stream().map(Spoke::id).toList();

        robot.clickOn("#submit-button");
        robot.clickOn("#submit-description").write("train on the big box");
        @SuppressWarnings("unchecked")
        ComboBox<String> worker = robot.lookup("#submit-worker").queryAs(ComboBox.class);
        awaitUi(() -> List.copyOf(worker.getItems()), known::equals, "the hub's workers offered as targets");
        robot.clickOn(worker.getEditor()).write("gpu-box");
        robot.clickOn("#submit-tags").write("gpu linux!");
        robot.clickOn("#submit-model").write("claude-opus-4-1");
        robot.clickOn("#submit-timeout").write("90");
        robot.clickOn("#submit-worktree");

        // A wrong field keeps the dialog open, is marked, and is named in the message under the fields.
        robot.clickOn("#submit-queue");
        String problem = awaitUi(() -> robot.lookup("#submit-problem").queryAs(Label.class).getText(),
                t -> !t.isEmpty(), "what is wrong");
        assertThat(problem).isEqualTo("Worker tags are names such as gpu, linux separated by commas — not 'linux!'.");
        assertThat(fx(() -> robot.lookup("#submit-tags").query().getPseudoClassStates()))
                .contains(Styles.STATE_DANGER);
        assertThat(fx(() -> robot.lookup("#submit-model").query().getPseudoClassStates()))
                .doesNotContain(Styles.STATE_DANGER);
        fx(() -> Screenshots.save(robot.lookup("#submit-dialog").query().getScene(), "dialog-new-task-problem"));
        assertThat(fx(() -> Ellipses.in(robot.lookup("#submit-dialog").query().getScene().getRoot()))).isEmpty();

        // Corrected, the mark and the message go as it is typed.
        robot.clickOn("#submit-tags").eraseText(1);
        awaitUi(() -> robot.lookup("#submit-problem").queryAs(Label.class).getText(), String::isEmpty,
                "the message gone once the tags are right");
        assertThat(fx(() -> robot.lookup("#submit-tags").query().getPseudoClassStates()))
                .doesNotContain(Styles.STATE_DANGER);
        robot.clickOn("#submit-queue");
        ControlCentreTest.awaitDialogClosed(robot);

        Task task = Await.until(() -> app.api().listTasks(TaskQuery.all()).tasks().stream()
                        .filter(t -> t.description().equals("train on the big box")).findFirst().orElse(null),
                t -> t != null, AppHarness.LIMIT, "the task on the hub");
        assertThat(task.worktree()).isTrue();
        assertThat(task.targetSpoke()).isEqualTo("gpu-box");
        assertThat(task.targetTags()).containsExactly("gpu", "linux");
        assertThat(task.agent().model()).isEqualTo("claude-opus-4-1");
        assertThat(task.timeout()).isEqualTo(90 * 60);
        assertThat(task.status()).as("no worker gpu-box: it waits").isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void anEmptyDescriptionIsPointedAtWithTheSchedulePreviewStillInView(FxRobot robot) {
        app.awaitReady();
        app.project("demo");
        awaitUi(() -> List.copyOf(app.centre().tasks().projects()), p -> p.contains("demo"), "the project");
        robot.clickOn("#submit-button");
        robot.clickOn("#submit-every").write("6h");
        awaitUi(() -> robot.lookup("#submit-preview").queryAs(Label.class).getText(), t -> t.startsWith("Next: "),
                "the next firings");
        robot.clickOn("#submit-queue");
        String problem = awaitUi(() -> robot.lookup("#submit-problem").queryAs(Label.class).getText(),
                t -> !t.isEmpty(), "what is wrong");
        assertThat(problem).isEqualTo("Describe the task.");
        Node description = robot.lookup("#submit-description").query();
        assertThat(fx(description::getPseudoClassStates)).contains(Styles.STATE_DANGER);
        assertThat(fx(description::isFocused)).isTrue();
        // The dialog grew to show the preview and the problem whole, above its buttons.
        Node queue = robot.lookup("#submit-queue").query();
        awaitUi(() -> robot.lookup("#submit-problem").query().localToScene(
                robot.lookup("#submit-problem").query().getLayoutBounds()).getMaxY(),
                bottom -> bottom <= fx(() -> queue.localToScene(queue.getLayoutBounds()).getMinY()),
                "the problem above the buttons");
        fx(() -> Screenshots.save(queue.getScene(), "dialog-new-task-preview-and-problem"));
        assertThat(fx(() -> Ellipses.in(queue.getScene().getRoot()))).isEmpty();

        robot.clickOn("#submit-every").eraseText(2);
        robot.clickOn("#submit-description").write("echo fine");
        robot.clickOn("#submit-queue");
        ControlCentreTest.awaitDialogClosed(robot);
        Task task = Await.until(() -> app.api().listTasks(TaskQuery.all()).tasks().stream()
                        .filter(t -> t.description().equals("echo fine")).findFirst().orElse(null),
                t -> t != null, AppHarness.LIMIT, "the task on the hub");
        assertThat(task.worktree()).isFalse();
        assertThat(task.targetSpoke()).isNull();
        assertThat(task.targetTags()).isEmpty();
    }
}
