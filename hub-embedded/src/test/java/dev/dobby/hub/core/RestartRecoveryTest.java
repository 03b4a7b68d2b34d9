package dev.dobby.hub.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.HubProcess;
import dev.dobby.hub.testing.Processes;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.client.HubHttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a crash or a stop, no task stays running forever and no agent process is left behind. */
class RestartRecoveryTest {
    @TempDir
    Path home;

    @Test
    void afterAHubIsKilledItsOrphanedAgentsAreKilledAndTheTaskRunsAgain() throws Exception {
        Path project = Files.createDirectories(home.resolve("p"));
        Path pidFile = home.resolve("pids");
        long taskId;
        List<Long> orphans;
        try (HubProcess crashing = HubProcess.start(home)) {
            HubHttpClient client = crashing.client();
            client.registerProject(NewProject.of("p", project.toString()));
            // The first attempt writes the pid file; a second attempt must not find it and just finishes.
            String command = "if [ -e '" + pidFile + "' ]; then echo second attempt; else "
                    + Processes.sleeperWithChild(pidFile, 300) + "; fi";
            taskId = client.createTask(NewTask.of(command, "p").withBackend(Backend.SHELL)).id();
            orphans = Processes.pids(pidFile);
            long id = taskId;
            Await.until(() -> client.logs(id, 0, 10).lines().size() == 1, Duration.ofSeconds(10), "the first output line");
            crashing.kill();
        }
        assertThat(orphans).as("SIGKILL of the hub leaves its agents running").allMatch(Processes::alive);

        try (TestHub restarted = TestHub.start(home)) {
            Processes.awaitAllGone(orphans, Duration.ofSeconds(10));
            Task done = restarted.awaitEnd(taskId, Duration.ofSeconds(20));
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(restarted.api().result(taskId).summary()).isEqualTo("second attempt");
            assertThat(restarted.api().logs(taskId, 0, 100).lines()).extracting(l -> l.text())
                    .containsExactly("started", "second attempt");
        }
    }

    @Test
    void aStoppedHubRequeuesWhatItWasRunningWhenItStartsAgain() {
        Path pidFile = home.resolve("pids");
        long taskId;
        List<Long> pids;
        try (TestHub first = TestHub.start(home)) {
            first.project("p");
            String command = "if [ -e '" + pidFile + "' ]; then echo again; else "
                    + Processes.sleeperWithChild(pidFile, 300) + "; fi";
            taskId = first.shell("p", command).id();
            pids = Processes.pids(pidFile);
        }
        Processes.awaitAllGone(pids, Duration.ofSeconds(5));
        try (TestHub second = TestHub.start(home)) {
            Task done = second.awaitEnd(taskId, Duration.ofSeconds(20));
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.attempts()).isEqualTo(2);
        }
    }

    @Test
    void aTaskLostTwiceFailsInsteadOfLoopingForever() {
        Path pidFile = home.resolve("pids");
        long taskId;
        try (TestHub first = TestHub.start(home)) {
            first.project("p");
            taskId = first.shell("p", "echo $$ >> '" + pidFile + "'; sleep 300").id();
            Await.until(() -> lines(pidFile) == 1, Duration.ofSeconds(10), "first attempt started");
        }
        try (TestHub second = TestHub.start(home)) {
            Await.until(() -> lines(pidFile) == 2, Duration.ofSeconds(10), "second attempt started");
        }
        try (TestHub third = TestHub.start(home)) {
            Task ended = third.awaitEnd(taskId, Duration.ofSeconds(10));
            assertThat(ended.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(ended.statusReason()).contains("the hub stopped while it ran").contains("not retried again");
            assertThat(ended.attempts()).isEqualTo(2);
        }
    }

    private static int lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
