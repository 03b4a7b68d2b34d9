package dev.dobby.app.heatmap;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.testing.AppHarness;
import dev.dobby.app.testing.AppTest;
import dev.dobby.app.testing.Ellipses;
import dev.dobby.app.testing.Screenshots;
import dev.dobby.hub.testing.Await;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The Activity page, first shown after tasks ended: today's square marked, the legend, a day's tasks on click. */
class HeatmapViewTest extends AppTest {
    @Test
    void aPageFirstShownAfterTasksEndedMarksTheirDayAndListsItsTasksOnAClick(FxRobot robot) {
        app.awaitReady();
        app.project("demo");
        run("echo one", TaskStatus.COMPLETED);
        run("exit 3", TaskStatus.FAILED);
        awaitUi(() -> app.centre().heatmap().cells().stream().mapToInt(c -> c.completed() + c.failed()).sum(),
                n -> n == 2, "the model to hold the day before the page is built");

        robot.clickOn("#nav-activity");
        List<Node> failing = fx(() -> List.copyOf(robot.lookup("#heatmap-grid .has-failures").queryAll()));
        assertThat(failing).as("one day, today, with a failure").hasSize(1);
        Node today = failing.getFirst();
        assertThat(fx(today::getStyleClass)).doesNotContain("level-0");
        assertThat(fx(() -> robot.lookup("#heatmap-legend .heat").queryAll().size()))
                .as("five levels and the failure key").isEqualTo(6);
        assertThat(fx(() -> robot.lookup("#heatmap-summary").queryAs(Label.class).getText()))
                .isEqualTo("1 completed, 1 failed in the last 365 days");

        robot.clickOn(today);
        @SuppressWarnings("unchecked")
        ListView<Task> tasks = robot.lookup("#heatmap-tasks").queryAs(ListView.class);
        awaitUi(() -> tasks.getItems().size(), n -> n == 2, "the day's two tasks");
        assertThat(fx(() -> robot.lookup("#heatmap-day").queryAs(Label.class).getText()))
                .startsWith("Tasks that ended on ");
        assertThat(fx(() -> robot.lookup("#heatmap-tasks .status-badge").queryAllAs(Label.class).stream()
                .map(Label::getText).sorted().toList())).as("each task's status as the badge the task list shows")
                .containsExactly("completed", "failed");
        assertThat(fx(() -> Ellipses.in(app.centre().stage().getScene().getRoot()))).isEmpty();
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "activity-day"));
    }

    private void run(String command, TaskStatus status) {
        Task task = app.api().createTask(NewTask.of(command, "demo").withBackend(Backend.SHELL));
        Await.until(() -> app.api().getTask(task.id()).status(), s -> s == status, AppHarness.LIMIT,
                "task #" + task.id() + " to be " + status.wire());
    }
}
