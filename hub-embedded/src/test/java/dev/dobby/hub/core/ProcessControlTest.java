package dev.dobby.hub.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Processes;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancel and timeout stop the agent and everything it started. */
class ProcessControlTest {
    @TempDir
    Path home;

    @Test
    void cancelKillsTheWholeProcessGroup() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            Path pidFile = home.resolve("pids");
            Task task = hub.shell("p", Processes.sleeperWithChild(pidFile, 300));
            List<Long> pids = Processes.pids(pidFile);
            assertThat(pids).hasSize(2).allMatch(Processes::alive);

            Task cancelled = hub.api().cancelTask(task.id());
            assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
            Processes.awaitAllGone(pids, Duration.ofSeconds(10));

            TaskResult result = hub.api().result(task.id());
            assertThat(result.status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(result.summary()).isEqualTo("cancelled on request");
            assertThat(hub.api().getTask(task.id()).status()).as("a late report from the worker changes nothing")
                    .isEqualTo(TaskStatus.CANCELLED);
        }
    }

    @Test
    void aTaskPastItsTimeoutEndsTimedOutWithItsChildren() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            Path pidFile = home.resolve("pids");
            Task task = hub.api().createTask(NewTask.of(Processes.sleeperWithChild(pidFile, 300), "p")
                    .withBackend(Backend.SHELL).withTimeout(2));
            List<Long> pids = Processes.pids(pidFile);

            Task ended = hub.awaitEnd(task.id(), Duration.ofSeconds(20));
            assertThat(ended.status()).isEqualTo(TaskStatus.TIMED_OUT);
            assertThat(ended.statusReason()).contains("timeout of 2 s");
            Processes.awaitAllGone(pids, Duration.ofSeconds(10));
            assertThat(hub.api().result(task.id()).summary()).contains("started");
        }
    }

    @Test
    void aFinishedTaskLeavesNoBackgroundProcessBehind() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            Path pidFile = home.resolve("pids");
            Task task = hub.shell("p", "(sleep 300 & echo $! > '" + pidFile + "'); echo spawned");
            Task ended = hub.awaitEnd(task.id(), Duration.ofSeconds(20));
            assertThat(ended.status()).isEqualTo(TaskStatus.COMPLETED);
            Processes.awaitAllGone(Processes.pids(pidFile), Duration.ofSeconds(10));
        }
    }

    @Test
    void theExitCodeDecidesCompletedOrFailed() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            Task bad = hub.shell("p", "echo about to fail; exit 3");
            Task ended = hub.awaitEnd(bad.id(), Duration.ofSeconds(20));
            assertThat(ended.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(ended.exitCode()).isEqualTo(3);
            assertThat(ended.statusReason()).isEqualTo("exited with code 3");
            assertThat(hub.api().result(bad.id()).summary()).isEqualTo("about to fail");
        }
    }
}
