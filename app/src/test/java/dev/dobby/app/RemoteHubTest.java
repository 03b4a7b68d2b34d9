package dev.dobby.app;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.hub.RemoteHub;
import dev.dobby.app.testing.AppHarness;
import dev.dobby.app.testing.RecordingNotifier;
import dev.dobby.app.testing.Screenshots;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The app attached to a hub in another place (here: another hub on loopback, with a key) over HTTP and SSE.
 */
@ExtendWith(ApplicationExtension.class)
class RemoteHubTest {
    @TempDir
    Path home;

    private TestHub hub;
    private ControlCentre centre;
    private final RecordingNotifier notices = new RecordingNotifier();

    @Start
    void start(Stage stage) {
        // A short keep-alive: the hub notices the app's closed event streams at the next one, and its stop waits.
        hub = TestHub.start(home, config -> config.withApiKey("s3cret-key"),
                builder -> builder.eventKeepAlive(java.time.Duration.ofSeconds(1)));
        centre = new ControlCentre(stage, new ControlCentre.Setup(RemoteHub.attaching(hub.url(), "s3cret-key"),
                "Connecting", List.of(notices), false, () -> { }));
        centre.start();
    }

    @AfterEach
    void stop() {
        fx(() -> {
            centre.quit();
            return null;
        });
        Await.until(() -> centre.phaseProperty().get() == ControlCentre.Phase.STOPPED, AppHarness.LIMIT, "stop");
        assertThat(hub.hub().isRunning()).isTrue();
        hub.close();
    }

    @Test
    void saysWhenTheHubIsUnreachableAndReconnectsOnceItIsBack(FxRobot robot) {
        Await.until(() -> centre.phaseProperty().get() == ControlCentre.Phase.READY, AppHarness.LIMIT, "ready");
        awaitUi(() -> robot.lookup("#status-text").queryAs(Label.class).getText(),
                text -> text.contains("1 worker online"), "the status bar while the hub runs");
        int port = hub.hub().localUrl().getPort();

        hub.close();
        String down = awaitUi(() -> robot.lookup("#status-text").queryAs(Label.class).getText(),
                text -> text.contains("unreachable"), "the status bar to say the hub is gone");
        assertThat(down).isEqualTo("Hub " + "http://127.0.0.1:" + port + " is unreachable  ·  reconnecting…");
        fx(() -> Screenshots.save(centre.stage().getScene(), "hub-unreachable"));

        hub = TestHub.start(home, config -> config.withApiKey("s3cret-key").withPort(port),
                builder -> builder.eventKeepAlive(java.time.Duration.ofSeconds(1)));
        awaitUi(() -> robot.lookup("#status-text").queryAs(Label.class).getText(),
                text -> text.contains("1 worker online") && !text.contains("unreachable"), "the status bar back");
        hub.project("after");
        Task task = hub.shell("after", "echo after the restart");
        @SuppressWarnings("unchecked")
        TableView<Task> table = robot.lookup("#tasks-table").queryAs(TableView.class);
        awaitUi(() -> table.getItems().stream().filter(t -> t.id() == task.id()).map(Task::status).findFirst()
                .orElse(null), s -> s == TaskStatus.COMPLETED, "a task of the restarted hub, live in the table");
    }

    @Test
    void showsTheRemoteHubsTasksLiveCannotPauseItAndExplainsAWrongKey(FxRobot robot) {
        Await.until(() -> centre.phaseProperty().get() == ControlCentre.Phase.READY, AppHarness.LIMIT, "ready");
        assertThat(centre.connection().embedded()).isFalse();
        awaitUi(() -> robot.lookup("#status-text").queryAs(Label.class).getText(),
                text -> text.startsWith("Hub " + hub.url()) && text.contains("1 worker online"), "the status bar");

        hub.project("remote");
        Task task = hub.shell("remote", "echo over the wire");
        @SuppressWarnings("unchecked")
        TableView<Task> table = robot.lookup("#tasks-table").queryAs(TableView.class);
        awaitUi(() -> table.getItems().stream().filter(t -> t.id() == task.id()).map(Task::status).findFirst()
                .orElse(null), s -> s == TaskStatus.COMPLETED, "the remote task, completed, in the table");
        Await.until(() -> notices.notices().stream().anyMatch(n -> task.id() == n.taskId()), AppHarness.LIMIT,
                "a notice from the remote hub's events");

        // The list reloads as the remote hub's events arrive; a click during a reload can lose its selection, so
        // click again (as a person would) until the details show the result.
        Await.until(() -> {
            String summary = fx(() -> robot.lookup("#detail-summary").queryAs(TextArea.class).getText());
            if (!summary.contains("over the wire")) {
                ControlCentreTest.clickCell(robot, "echo over the wire");
            }
            return summary;
        }, text -> text.contains("over the wire"), AppHarness.LIMIT, "the result read over HTTP");
        boolean pauseDisabled = fx(() -> robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class)
                .getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> "Pause dispatch".equals(i.getText())).findFirst().orElseThrow().isDisable());
        assertThat(pauseDisabled).isTrue();
        fx(() -> Screenshots.save(centre.stage().getScene(), "remote"));

        // Another window attaching with a wrong key shows the refusal instead of the app.
        ControlCentre refused = fx(() -> {
            ControlCentre other = new ControlCentre(new Stage(), new ControlCentre.Setup(
                    RemoteHub.attaching(hub.url(), "wrong-key"), "Connecting", List.of(), false, () -> { }));
            other.start();
            return other;
        });
        Await.until(() -> refused.phaseProperty().get() == ControlCentre.Phase.FAILED, AppHarness.LIMIT,
                "the attempt to fail");
        String reason = fx(() -> ((Label) refused.stage().getScene().lookup("#starting-detail")).getText());
        assertThat(reason).isNotBlank().doesNotContain("Exception");
        assertThat(reason.toLowerCase(java.util.Locale.ROOT)).containsAnyOf("key", "unauthori");
        assertThat(fx(() -> refused.stage().getScene().lookup("#starting-retry").isVisible())).isTrue();
        fx(() -> {
            refused.quit();
            return null;
        });
    }
}
