package dev.dobby.app.sessions;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.app.fx.Background;
import dev.dobby.app.testing.Screenshots;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.FakeRemoteControl;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.NewSession;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The app's Sessions view over a real hub whose worker runs a fake claude: the link to open, and Stop. */
@ExtendWith(ApplicationExtension.class)
class SessionsViewTest {
    @TempDir
    static Path home;

    private TestHub hub;
    private FakeRemoteControl claude;
    private SessionsViewModel model;
    private Stage stage;
    private final List<String> opened = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        claude = FakeRemoteControl.serving(home.resolve("bin"));
        WorkerSettings worker = new WorkerSettings(System.getenv(), claude.program().toString(), "/nonexistent/codex",
                null, null);
        hub = TestHub.start(home.resolve("hub"), c -> c, b -> b.worker(worker));
        hub.project("spare");
        model = new SessionsViewModel(hub.api(), Background.pooled(Platform::runLater));
        stage.setScene(new Scene(new SessionsView(model, opened::add), 720, 400));
        stage.show();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aSessionShowsItsLinkWhichOpensAndStopEndsIt(FxRobot robot) {
        long id = hub.api().openSession(new NewSession("spare", "from the app", null, List.of(), null, null, null)).id();
        Await.until(() -> hub.api().session(id).link() != null, Duration.ofSeconds(30), "the link");
        fx(() -> {
            model.refresh();
            return null;
        });
        Hyperlink link = awaitUi(() -> (Hyperlink) stage.getScene().lookup("#session-open-" + id), l -> l != null,
                "the session's link");
        assertThat(fx(link::getText)).isEqualTo(FakeRemoteControl.LINK);
        fx(() -> Screenshots.save(stage.getScene(), "sessions"));
        robot.clickOn("#session-open-" + id);
        Await.until(() -> opened.contains(FakeRemoteControl.LINK), Duration.ofSeconds(10), "the link to be opened");

        robot.clickOn("#session-stop-" + id);
        assertThat(hub.awaitEnd(id, Duration.ofSeconds(30)).status()).isEqualTo(TaskStatus.CANCELLED);
        Await.until(() -> !claude.serving(), Duration.ofSeconds(10), "the CLI to stop");
        awaitUi(() -> {
            model.refresh();
            return stage.getScene().lookup("#session-stop-" + id);
        }, b -> b == null, "Stop to go once it ended");
    }
}
