package dev.dobby.app.stats;

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
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The Stats page, first shown after the tasks ended: a bar per status in its colour, as long as its share. */
class StatsViewTest extends AppTest {
    @Test
    void aPageFirstShownAfterTheTasksEndedShowsABarPerStatusInItsColour(FxRobot robot) {
        app.awaitReady();
        app.project("demo");
        run("echo one", TaskStatus.COMPLETED);
        run("echo two", TaskStatus.COMPLETED);
        run("exit 3", TaskStatus.FAILED);
        awaitUi(() -> app.centre().stats().byStatus().stream()
                .filter(c -> c.status() == TaskStatus.COMPLETED).findFirst().map(StatsViewModel.StatusCount::count)
                .orElse(0L), n -> n == 2, "the model to hold the counts before the page is built");

        robot.clickOn("#nav-stats");
        assertThat(fx(() -> robot.lookup("#count-completed").queryAs(Label.class).getText())).isEqualTo("2");
        assertThat(fx(() -> robot.lookup("#count-failed").queryAs(Label.class).getText())).isEqualTo("1");
        ProgressBar completed = bar(robot, "completed");
        ProgressBar failed = bar(robot, "failed");
        assertThat(fx(completed::getProgress)).isEqualTo(1.0);
        assertThat(fx(failed::getProgress)).isEqualTo(0.5);
        assertThat(fx(() -> robot.lookup("#stats-totals").queryAs(Label.class).getText())).startsWith("3 tasks");
        assertThat(fx(() -> Ellipses.in(app.centre().stage().getScene().getRoot()))).isEmpty();
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "stats-first-shown"));
    }

    private void run(String command, TaskStatus status) {
        Task task = app.api().createTask(NewTask.of(command, "demo").withBackend(Backend.SHELL));
        Await.until(() -> app.api().getTask(task.id()).status(), s -> s == status, AppHarness.LIMIT,
                "task #" + task.id() + " to be " + status.wire());
    }

    private static ProgressBar bar(FxRobot robot, String status) {
        return fx(() -> robot.lookup("#status-bars .status-bar-" + status).queryAs(ProgressBar.class));
    }
}
