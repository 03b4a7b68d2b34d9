package dev.dobby.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir
    Path home;

    @Test
    void shellTaskRunsAndKeepsItsLog() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("demo");
            Task task = hub.shell("demo", "echo hello; echo oops >&2; exit 0");
            Task done = hub.awaitEnd(task.id(), Duration.ofSeconds(20));
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(hub.api().logs(task.id(), 0, 100).lines()).extracting(l -> l.text()).contains("hello", "oops");
            assertThat(hub.api().result(task.id()).summary()).contains("hello");
        }
    }
}
