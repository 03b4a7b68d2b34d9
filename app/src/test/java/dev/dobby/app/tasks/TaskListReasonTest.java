package dev.dobby.app.tasks;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.testing.AppTest;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.WorkerHello;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.Tooltip;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The task list redraws a row whose waiting reason changed while the task itself did not (the table reuses its
 * rows, so nothing else would tell it): the red "cannot run" mark goes once the worker it waits for comes online,
 * and comes back when the reason says so again. Pointing at the description shows it whole with its reason.
 */
class TaskListReasonTest extends AppTest {
    @Test
    void aRowFollowsItsTaskReasonWhenOnlyTheReasonChanges(FxRobot robot) {
        app.awaitReady();
        app.project("demo");
        Task waiting = app.api().createTask(shell("echo on the box").withTarget("gpu-box", null));

        awaitUi(() -> shown(robot, waiting), row -> row.equals("stuck|⚠ worker gpu-box is not online"),
                "the task marked as one that cannot run, with why");
        // Pointing at the description shows it whole, with the reason.
        robot.moveTo(fx(() -> robot.lookup(".waiting-reason").queryAll().stream()
                .filter(n -> ((Label) n).getText().contains("gpu-box")).findFirst().orElseThrow()));
        String tip = awaitUi(() -> robot.listWindows().stream()
                        .filter(w -> w instanceof Tooltip && w.isShowing()).map(w -> ((Tooltip) w).getText())
                        .findFirst().orElse(""), t -> !t.isEmpty(), "the description's tooltip");
        assertThat(tip).isEqualTo("echo on the box\n\nworker gpu-box is not online");

        // The worker it waits for comes online (it never polls, so the task stays queued and unchanged) ...
        app.hub().work().register(new WorkerHello("gpu-box", new Spoke.Capabilities(List.of(Backend.SHELL),
                List.of(), "Linux", 8, 1, List.of()), "test"), false, null);
        // ... and the list reads its page again (as any task event has it do): the same task, another reason.
        fx(() -> {
            app.centre().tasks().refresh();
            return null;
        });

        String row = awaitUi(() -> shown(robot, waiting), r -> !r.startsWith("stuck"), "the mark to go");
        assertThat(row).isEqualTo("|shell  ·  queued: waiting for a free worker slot");
        assertThat(app.api().getTask(waiting.id()).status()).isEqualTo(TaskStatus.PENDING);

        // A reason that reaches the list on its own, without a new page, is drawn too.
        fx(() -> {
            app.centre().tasks().stuck().add(waiting.id());
            return app.centre().tasks().waiting().put(waiting.id(), "worker gpu-box is not online");
        });
        assertThat(fx(() -> shown(robot, waiting))).isEqualTo("stuck|⚠ worker gpu-box is not online");
    }

    /** "stuck|reason line" of the task's row as drawn, or "" while it is not on screen. */
    private static String shown(FxRobot robot, Task task) {
        return fx(() -> robot.lookup(".table-row-cell").queryAll().stream()
                .map(node -> (TableRow<?>) node)
                .filter(row -> row.getItem() instanceof Task t && t.id() == task.id())
                .findFirst()
                .map(row -> (row.getStyleClass().contains("stuck") ? "stuck" : "") + "|"
                        + ((Label) row.lookup(".waiting-reason")).getText())
                .orElse(""));
    }

    private static NewTask shell(String command) {
        return NewTask.of(command, "demo").withBackend(Backend.SHELL);
    }
}
