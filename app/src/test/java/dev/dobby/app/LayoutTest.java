package dev.dobby.app;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.shell.AttachDialog;
import dev.dobby.app.shell.Page;
import dev.dobby.app.testing.AppHarness;
import dev.dobby.app.testing.AppTest;
import dev.dobby.app.testing.Ellipses;
import dev.dobby.app.testing.Screenshots;
import dev.dobby.app.theme.Theme;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Screen;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every view and dialog at the default window size, light and dark, with tasks of every status: nothing a user
 * needs is cut to "…", and a screenshot of each lands in target/screenshots for a person to look at.
 */
class LayoutTest extends AppTest {
    @Test
    void everyViewAndDialogShowsItsTextWholeAtTheDefaultSizeInBothThemes(FxRobot robot) {
        app.awaitReady();
        var screen = Screen.getPrimary().getVisualBounds();
        double width = fx(() -> app.centre().stage().getWidth());
        assertThat(width).as("a share of the %sx%s screen", screen.getWidth(), screen.getHeight())
                .isLessThanOrEqualTo(screen.getWidth()).isGreaterThanOrEqualTo(1120);
        seedEveryStatus();

        List<String> problems = new ArrayList<>();
        for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) {
            fx(() -> {
                app.centre().theme().choose(theme);
                return null;
            });
            String suffix = "-" + theme.name().toLowerCase(Locale.ROOT);
            for (Page page : Page.values()) {
                fx(() -> {
                    app.centre().window().show(page);
                    return null;
                });
                settle();
                problems.addAll(check(app.centre().stage().getScene(), page.name()));
                fx(() -> Screenshots.save(app.centre().stage().getScene(),
                        "view-" + page.name().toLowerCase(Locale.ROOT) + suffix));
            }
            fx(() -> {
                app.centre().window().show(Page.TASKS);
                return null;
            });
            problems.addAll(dialog(robot, "submit-dialog", () -> app.centre().newTask(), "dialog-new-task" + suffix));
            problems.addAll(dialog(robot, "register-dialog", () -> app.centre().projectsView().openRegister(),
                    "dialog-register" + suffix));
            problems.addAll(dialog(robot, "attach-dialog",
                    () -> new AttachDialog(app.centre().stage()).showAndWait(), "dialog-attach" + suffix));
            Task running = app.api().listTasks(dev.dobby.protocol.TaskQuery.all()
                    .withStatuses(List.of(TaskStatus.RUNNING))).tasks().getFirst();
            fx(() -> {
                app.centre().tasks().selectedProperty().set(running);
                return null;
            });
            problems.addAll(dialog(robot, "confirm-dialog", () -> app.centre().tasksView().cancelSelected(),
                    "dialog-confirm-cancel" + suffix));
        }
        assertThat(problems).isEmpty();
        assertThat(app.api().getTask(running().id()).status()).as("the confirmation was answered no")
                .isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void waitingTasksSayWhyInTheListAndTheDetailsAndCancelAsksFirst(FxRobot robot) {
        app.awaitReady();
        app.project("demo");
        var api = app.api();
        Task failed = until(api.createTask(shell("exit 3")), TaskStatus.FAILED);
        Task child = api.createTask(shell("echo after the failed one").withDependsOn(List.of(failed.id())));
        Task gpu = api.createTask(shell("echo on a GPU").withTarget(null, List.of("gpu")));
        app.project("other");
        Task sleeper = until(api.createTask(NewTask.of("for i in 1 2 3 4 5 6 7 8; do echo line $i; done; sleep 60",
                "other").withBackend(Backend.SHELL)), TaskStatus.RUNNING);

        // In the list: the reason under the description, in red with a warning sign when nothing will change it.
        javafx.scene.control.Label reason = awaitUi(() -> robot.lookup(".waiting-reason.stuck")
                        .queryAllAs(javafx.scene.control.Label.class).stream()
                        .filter(l -> l.getText().contains("no online worker with tags gpu")).findFirst().orElse(null),
                l -> l != null, "the GPU task's reason in the list");
        assertThat(reason.getText()).isEqualTo("⚠ no online worker with tags gpu can run shell tasks");
        awaitUi(() -> robot.lookup(".table-row-cell.stuck").queryAll().size(), n -> n == 2,
                "the two tasks that cannot run marked in the list");

        // In the details: the outcome, then why it waits, and the task it needs as a link with its status.
        fx(() -> {
            app.centre().tasks().select(child.id());
            return null;
        });
        String why = awaitUi(() -> robot.lookup("#detail-waiting").queryAs(javafx.scene.control.Label.class)
                .getText(), t -> !t.isEmpty(), "the waiting reason in the details");
        assertThat(why).isEqualTo("waiting for #" + failed.id() + " to complete; #" + failed.id()
                + " failed: retry it or cancel this task");
        assertThat(fx(() -> robot.lookup("#detail-outcome").queryAs(javafx.scene.control.Label.class).getText()))
                .isEqualTo("Blocked until the tasks it needs complete");
        javafx.scene.control.Hyperlink parent = awaitUi(() -> robot.lookup("#detail-parent-" + failed.id())
                .queryAs(javafx.scene.control.Hyperlink.class), l -> l != null, "the link to the parent");
        assertThat(parent.getText()).isEqualTo("#" + failed.id() + " failed");
        List<String> timeline = awaitUi(() -> robot.lookup("#detail-timeline .label")
                .queryAllAs(javafx.scene.control.Label.class).stream().map(javafx.scene.control.Label::getText)
                .toList(), l -> l.size() == 2, "the blocked task's timeline");
        assertThat(timeline.get(0)).endsWith("  queued");
        assertThat(timeline.get(1)).isEqualTo("now             " + why);
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "details-blocked"));
        robot.clickOn(parent);
        awaitUi(() -> robot.lookup("#detail-outcome").queryAs(javafx.scene.control.Label.class).getText(),
                t -> t.equals("Failed: exited with code 3"), "the parent's details after following the link");

        // Live jobs: the running task with the end of its output.
        robot.clickOn("#nav-live");
        String tail = awaitUi(() -> robot.lookup("#live-tail-" + sleeper.id()).tryQueryAs(
                javafx.scene.control.Label.class).map(javafx.scene.control.Label::getText).orElse(""),
                t -> t.endsWith("line 8"), "the running task's last lines in Live jobs");
        assertThat(tail).isEqualTo("line 3\nline 4\nline 5\nline 6\nline 7\nline 8");
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "live-jobs"));
        robot.clickOn("#nav-tasks");

        // Cancel asks first; "Keep it" keeps the task running, "Cancel task" cancels it.
        fx(() -> {
            app.centre().tasks().select(sleeper.id());
            return null;
        });
        awaitUi(() -> robot.lookup("#cancel-button").queryButton().isDisabled(), d -> !d, "cancel enabled");
        robot.clickOn("#cancel-button");
        robot.clickOn("#confirm-keep");
        assertThat(api.getTask(sleeper.id()).status()).isEqualTo(TaskStatus.RUNNING);
        robot.clickOn("#cancel-button");
        robot.clickOn("#confirm-go");
        until(sleeper, TaskStatus.CANCELLED);
        assertThat(gpu.status()).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void theNewTaskDialogPreviewsAScheduleAndTheSchedulesViewPausesIt(FxRobot robot) {
        app.awaitReady();
        app.project("demo");
        awaitUi(() -> List.copyOf(app.centre().tasks().projects()), p -> p.contains("demo"), "the project");
        robot.clickOn("#submit-button");
        robot.clickOn("#submit-description").write("echo weekday report");
        robot.clickOn("#submit-cron").write("0 9 * * 1-5");
        String preview = awaitUi(() -> robot.lookup("#submit-preview").queryAs(javafx.scene.control.Label.class)
                .getText(), t -> t.startsWith("Next: "), "the next firings under the fields");
        assertThat(preview.split(", ")).hasSize(3);
        assertThat(preview).contains(" 09:00");
        robot.clickOn("#submit-cron").eraseText(11).write("0 9 * *");
        awaitUi(() -> robot.lookup("#submit-preview").queryAs(javafx.scene.control.Label.class).getText(),
                t -> !t.startsWith("Next: ") && !t.isEmpty(), "what is wrong with the expression");
        robot.clickOn("#submit-cron").eraseText(7).write("30 8 * * *");
        awaitUi(() -> robot.lookup("#submit-preview").queryAs(javafx.scene.control.Label.class).getText(),
                t -> t.startsWith("Next: ") && t.contains(" 08:30"), "the corrected preview");
        fx(() -> Screenshots.save(robot.lookup("#submit-dialog").query().getScene(), "dialog-new-schedule"));
        assertThat(fx(() -> Ellipses.in(robot.lookup("#submit-dialog").query().getScene().getRoot()))).isEmpty();
        robot.clickOn("#submit-queue");

        var schedule = dev.dobby.hub.testing.Await.until(() -> app.api().schedules(null), l -> !l.isEmpty(),
                AppHarness.LIMIT, "the schedule on the hub").getFirst();
        assertThat(schedule.cron()).isEqualTo("30 8 * * *");
        assertThat(schedule.description()).isEqualTo("echo weekday report");

        robot.clickOn("#nav-schedules");
        ControlCentreTest.clickCell(robot, "cron 30 8 * * *");
        robot.clickOn("#schedule-pause");
        awaitUi(() -> app.api().schedule(schedule.id()).state(), s -> s == dev.dobby.protocol.Schedule.State.PAUSED,
                "the schedule paused");
        awaitUi(() -> robot.lookup("#schedule-resume").queryButton().isDisabled(), d -> !d, "resume enabled");
        robot.clickOn("#schedule-resume");
        awaitUi(() -> app.api().schedule(schedule.id()).state(), s -> s == dev.dobby.protocol.Schedule.State.ACTIVE,
                "the schedule active again");
        robot.clickOn("#schedule-cancel");
        robot.clickOn("#confirm-go");
        awaitUi(() -> app.api().schedule(schedule.id()).state(),
                s -> s == dev.dobby.protocol.Schedule.State.CANCELLED, "the schedule stopped");
    }

    private Task running() {
        return app.api().listTasks(dev.dobby.protocol.TaskQuery.all().withStatuses(List.of(TaskStatus.RUNNING)))
                .tasks().getFirst();
    }

    private void seedEveryStatus() {
        app.project("demo");
        var api = app.api();
        Task done = until(api.createTask(shell("echo done")), TaskStatus.COMPLETED);
        Task failed = until(api.createTask(shell("exit 3")), TaskStatus.FAILED);
        app.project("agents");
        until(api.createTask(NewTask.of("echo 'USAGE x|five_hour|0.42|allowed'; echo 'USAGE x|seven_day|0.81|"
                + "allowed_warning'; echo 'STEP tool_call|1200|52000|120000|Read README.md|'; echo reviewed",
                "agents").withBackend(Backend.CLAUDE)), TaskStatus.COMPLETED);
        var batch = api.createBatch(new dev.dobby.protocol.NewBatch("release checks", List.of(
                batchEntry("lint", "echo lint"), batchEntry("unit", "echo unit tests", "lint"),
                batchEntry("docs", "echo docs", "lint"), batchEntry("ship", "echo ship it", "unit", "docs"))));
        dev.dobby.hub.testing.Await.until(() -> api.batch(batch.id()).finished(), n -> n == 4, AppHarness.LIMIT,
                "the batch to finish");
        Task slow = until(api.createTask(shell("sleep 30").withTimeout(1)), TaskStatus.RUNNING);
        app.clock().step(java.time.Duration.ofSeconds(5));
        app.hub().tick();
        until(slow, TaskStatus.TIMED_OUT);
        until(api.createTask(shell("sleep 60")), TaskStatus.RUNNING);
        api.createTask(shell("echo waits for a GPU worker").withTarget(null, List.of("gpu")));
        api.createTask(shell("echo needs review first").withDraft(true));
        Task cancelled = api.createTask(shell("echo never mind").withTarget(null, List.of("gpu")));
        api.cancelTask(cancelled.id());
        api.createTask(shell("echo after the failed one").withDependsOn(List.of(failed.id())));
        api.createTask(shell("echo after the good one — a long description that the table may cut, since its "
                + "full text is in the tooltip and the details").withDependsOn(List.of(done.id())));
        api.createSchedule(NewTask.of("echo nightly report", "demo").withBackend(Backend.SHELL)
                .withCron("0 9 * * 1-5"));
        var paused = api.createSchedule(NewTask.of("echo hourly check", "demo").withBackend(Backend.SHELL)
                .withEvery("1h"));
        api.pauseSchedule(paused.id());
        fx(() -> {
            app.centre().schedules().refresh();
            return null;
        });
        awaitUi(() -> app.centre().tasks().tasks().stream().map(Task::status).distinct().count(),
                n -> n >= 7, "tasks of most statuses in the table");
        awaitUi(() -> app.centre().tasks().tasks().stream().anyMatch(t -> t.status() == TaskStatus.TIMED_OUT),
                b -> b, "the timed-out task");
        awaitUi(() -> app.centre().tasks().waiting().size(), n -> n >= 3, "waiting reasons");
        fx(() -> {
            app.centre().costs().refresh();
            return null;
        });
        awaitUi(() -> app.centre().costs().totals().size(), n -> n >= 1, "the agent's cost in the costs view");
    }

    private Task until(Task task, TaskStatus status) {
        dev.dobby.hub.testing.Await.until(() -> app.api().getTask(task.id()).status(), s -> s == status,
                AppHarness.LIMIT, "task #" + task.id() + " to be " + status.wire());
        return task;
    }

    private static dev.dobby.protocol.NewBatch.Entry batchEntry(String ref, String command, String... after) {
        return new dev.dobby.protocol.NewBatch.Entry(ref, command, "demo", null, Backend.SHELL, null,
                List.of(after), null, null, null);
    }

    private static NewTask shell(String command) {
        return NewTask.of(command, "demo").withBackend(Backend.SHELL);
    }

    private static void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(150, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<String> check(Scene scene, String where) {
        return fx(() -> Ellipses.in(scene.getRoot()).stream().map(p -> where + ": " + p).toList());
    }

    /** Opens a dialog as the user would get it, checks it, saves a picture, and closes it without acting. */
    private static List<String> dialog(FxRobot robot, String id, Runnable open, String picture) {
        Platform.runLater(open);
        DialogPane pane = awaitUi(() -> Window.getWindows().stream()
                        .map(Window::getScene).filter(s -> s != null && s.getRoot() instanceof DialogPane)
                        .map(s -> (DialogPane) s.getRoot()).filter(p -> id.equals(p.getId())).findFirst().orElse(null),
                p -> p != null, "the " + id);
        settle();
        List<String> found = check(pane.getScene(), id);
        fx(() -> Screenshots.save(pane.getScene(), picture));
        fx(() -> {
            Button close = pane.getButtonTypes().stream()
                    .filter(b -> b.getButtonData().isCancelButton() || b == ButtonType.CANCEL)
                    .map(b -> (Button) pane.lookupButton(b)).findFirst().orElseThrow();
            close.fire();
            return null;
        });
        awaitUi(() -> pane.getScene() == null || pane.getScene().getWindow() == null
                        || !pane.getScene().getWindow().isShowing(), b -> b,
                "the " + id + " to close");
        return found;
    }
}
