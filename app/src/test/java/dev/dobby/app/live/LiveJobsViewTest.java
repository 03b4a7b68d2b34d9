package dev.dobby.app.live;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.shell.Page;
import dev.dobby.app.testing.AppHarness;
import dev.dobby.app.testing.AppTest;
import dev.dobby.app.testing.Ellipses;
import dev.dobby.hub.testing.Await;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Live jobs: a card per running task whose tail follows its output while shown; a click opens the task. */
class LiveJobsViewTest extends AppTest {
    @Test
    void eachRunningTaskIsACardWhoseTailFollowsItsOutputAndAClickOpensIt(FxRobot robot) throws Exception {
        app.awaitReady();
        app.project("demo");
        app.project("other");  // one task at a time per project: two projects, two running tasks
        Path go = home.resolve("go");
        Task waiting = running("demo", "echo first; while [ ! -f " + go + " ]; do sleep 0.05; done; echo second; sleep 60");
        Task other = running("other", "echo other; sleep 60");

        robot.clickOn("#nav-live");
        awaitUi(() -> tail(robot, waiting), "first"::equals, "the first task's output");
        awaitUi(() -> tail(robot, other), "other"::equals, "the second task's output");
        assertThat(fx(() -> robot.lookup(".live-card").queryAll().size())).isEqualTo(2);

        Files.writeString(go, "go");
        awaitUi(() -> tail(robot, waiting), "first\nsecond"::equals, "the new line while the page is shown");
        assertThat(fx(() -> Ellipses.in(app.centre().stage().getScene().getRoot()))).isEmpty();

        robot.clickOn("#live-tail-" + waiting.id());
        awaitUi(() -> app.centre().window().current(), p -> p == Page.TASKS, "the Tasks view");
        awaitUi(() -> app.centre().tasks().selectedProperty().get(), t -> t != null && t.id() == waiting.id(),
                "the clicked task opened");
    }

    private Task running(String project, String command) {
        Task task = app.api().createTask(NewTask.of(command, project).withBackend(Backend.SHELL));
        Await.until(() -> app.api().getTask(task.id()).status(), s -> s == TaskStatus.RUNNING, AppHarness.LIMIT,
                "task #" + task.id() + " to run");
        return task;
    }

    private static String tail(FxRobot robot, Task task) {
        return robot.lookup("#live-tail-" + task.id()).tryQueryAs(Label.class).map(Label::getText).orElse("");
    }
}
