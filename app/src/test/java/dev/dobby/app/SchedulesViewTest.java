package dev.dobby.app;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.testing.AppHarness;
import dev.dobby.app.testing.AppTest;
import dev.dobby.app.testing.Screenshots;
import dev.dobby.hub.testing.Await;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Schedule;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The Schedules page of the real app on a real embedded hub: what it lists, and what its buttons do. */
class SchedulesViewTest extends AppTest {
    @Test
    void listsSchedulesPausesResumesAndStopsThemAfterAskingAndOpensARun(FxRobot robot) {
        app.awaitReady();
        app.project("demo");
        var api = app.api();
        Schedule minutely = api.createSchedule(NewTask.of("echo tick", "demo").withBackend(Backend.SHELL)
                .withEvery("1m"));
        Schedule weekdays = api.createSchedule(NewTask.of("echo weekday report", "demo").withBackend(Backend.SHELL)
                .withCron("0 9 * * 1-5"));
        // A minute later on the hub's clock the first schedule queues its first run.
        app.clock().step(Duration.ofSeconds(61));
        app.hub().tick();
        Task run = Await.until(() -> api.listTasks(TaskQuery.all()).tasks().stream()
                        .filter(t -> minutely.id() == (t.scheduleId() == null ? -1 : t.scheduleId())).findFirst()
                        .orElse(null), t -> t != null && t.status() == TaskStatus.COMPLETED, AppHarness.LIMIT,
                "the first run of the minutely schedule");

        robot.clickOn("#nav-schedules");
        Map<String, String> row = awaitUi(() -> row(robot, minutely.id()), r -> "active".equals(r.get("State"))
                && r.get("Runs").equals("1"), "the minutely schedule listed with its run");
        assertThat(row.get("Rule")).isEqualTo("every 1m");
        assertThat(row.get("Project")).isEqualTo("demo");
        assertThat(row.get("Task")).isEqualTo("echo tick");
        assertThat(row.get("Next run")).matches(".+ \\((in|\\d).+\\)");
        assertThat(row.get("Last run")).isNotEqualTo("never");
        Map<String, String> other = awaitUi(() -> row(robot, weekdays.id()), r -> !r.isEmpty(), "the cron schedule");
        assertThat(other.get("Rule")).isEqualTo("cron 0 9 * * 1-5");
        assertThat(other.get("Last run")).isEqualTo("never");
        assertThat(other.get("Next run")).contains(" 09:00");
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "schedules"));
        assertThat(fx(() -> dev.dobby.app.testing.Ellipses.in(app.centre().stage().getScene().getRoot())))
                .as("nothing cut, a last run included").isEmpty();

        // Pause, then resume: the hub changes state and the list says so.
        ControlCentreTest.clickCell(robot, "every 1m");
        robot.clickOn("#schedule-pause");
        awaitUi(() -> row(robot, minutely.id()).get("State"), "paused"::equals, "the list to say paused");
        assertThat(api.schedule(minutely.id()).state()).isEqualTo(Schedule.State.PAUSED);
        awaitUi(() -> robot.lookup("#schedule-resume").queryButton().isDisabled(), d -> !d, "resume enabled");
        assertThat(fx(() -> robot.lookup("#schedule-pause").queryButton().isDisabled())).isTrue();
        robot.clickOn("#schedule-resume");
        awaitUi(() -> row(robot, minutely.id()).get("State"), "active"::equals, "the list to say active again");
        assertThat(api.schedule(minutely.id()).state()).isEqualTo(Schedule.State.ACTIVE);

        // Stop asks first: keeping it leaves it active, confirming stops it.
        robot.clickOn("#schedule-cancel");
        String question = awaitUi(() -> robot.lookup("#confirm-dialog").tryQueryAs(javafx.scene.control.DialogPane.class)
                .map(javafx.scene.control.DialogPane::getHeaderText).orElse(null), q -> q != null, "the question");
        assertThat(question).isEqualTo("Stop schedule #" + minutely.id() + "?");
        robot.clickOn("#confirm-keep");
        assertThat(api.schedule(minutely.id()).state()).isEqualTo(Schedule.State.ACTIVE);
        robot.clickOn("#schedule-cancel");
        robot.clickOn("#confirm-go");
        awaitUi(() -> row(robot, minutely.id()).get("State"), "cancelled"::equals, "the list to say cancelled");
        assertThat(api.schedule(minutely.id()).state()).isEqualTo(Schedule.State.CANCELLED);
        assertThat(api.schedule(weekdays.id()).state()).isEqualTo(Schedule.State.ACTIVE);

        // Its runs are listed under it; a double-click opens one in the task list.
        Node runCell = ControlCentreTest.cell(robot, "#" + run.id());
        robot.doubleClickOn(runCell);
        awaitUi(() -> app.centre().tasks().selectedProperty().get(), t -> t != null && t.id() == run.id(),
                "the run selected in the task list");
        assertThat(fx(() -> robot.lookup("#tasks-table").tryQuery().map(Node::isVisible).orElse(false))).isTrue();
    }

    /** The cells of the schedule's row as the user reads them, by column header; empty while it is not shown. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> row(FxRobot robot, long id) {
        TableView<Schedule> table = robot.lookup("#schedules-table").queryAs(TableView.class);
        return robot.from(table).lookup((Node n) -> n instanceof TableRow<?> r && r.getItem() instanceof Schedule s
                        && s.id() == id && r.isVisible()).tryQueryAs(TableRow.class)
                .map(r -> cells((TableRow<Schedule>) r)).orElse(Map.of());
    }

    private static Map<String, String> cells(TableRow<Schedule> row) {
        return row.getChildrenUnmodifiable().stream().filter(n -> n instanceof TableCell<?, ?>)
                .map(n -> (TableCell<?, ?>) n)
                .collect(Collectors.toMap(c -> c.getTableColumn().getText(), SchedulesViewTest::shown, (a, b) -> a));
    }

    private static String shown(TableCell<?, ?> cell) {
        if (cell.getGraphic() instanceof Label badge) {
            return badge.getText();
        }
        return cell.getText() == null ? "" : cell.getText();
    }
}
