package dev.dobby.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.fx.Background;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusBarModelTest {
    @TempDir
    Path home;

    @Test
    void showsTheAddressWorkersRunningTasksAndPause() {
        try (TestHub hub = TestHub.start(home)) {
            StatusBarModel model = new StatusBarModel(hub.api(), Background.direct(), hub.url());
            model.refresh();
            assertThat(model.textProperty().get()).isEqualTo("Hub " + hub.url() + "  ·  1 worker online  ·  0 running");
            hub.project("p");
            Task sleeper = hub.shell("p", "sleep 20");
            hub.awaitStatus(sleeper.id(), TaskStatus.RUNNING, Duration.ofSeconds(20));
            model.refresh();
            model.pausedProperty().set(true);
            assertThat(model.textProperty().get()).endsWith("1 running  ·  dispatch paused");
            hub.api().cancelTask(sleeper.id());
        }
    }
}
