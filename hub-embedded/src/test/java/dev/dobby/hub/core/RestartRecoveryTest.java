package dev.dobby.hub.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.FakeClaude;
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

/**
 * What a hub's restart does to the work it was running: agents outlive a crashed hub under their supervisors and
 * are taken up again, never run twice; what is truly lost runs again once; a stopped hub re-queues its work.
 */
class RestartRecoveryTest {
    @TempDir
    Path home;

    @Test
    void anAgentOutlivesAKilledHubAndTheRestartedHubTakesItUpWithoutRunningItAgain() throws Exception {
        Path project = Files.createDirectories(home.resolve("p"));
        Path runs = home.resolve("runs");
        long taskId;
        try (HubProcess crashing = HubProcess.start(home)) {
            HubHttpClient client = crashing.client();
            client.registerProject(NewProject.of("p", project.toString()));
            taskId = client.createTask(NewTask.of("echo before; sleep 3; echo ran-$DOBBY_ATTEMPT >> '" + runs
                    + "'; echo after", "p").withBackend(Backend.SHELL)).id();
            long id = taskId;
            Await.until(() -> client.logs(id, 0, 10).lines().size() == 1, Duration.ofSeconds(10), "the first line");
            crashing.kill();
        }
        Thread.sleep(1_000);
        try (TestHub restarted = TestHub.start(home)) {
            Task done = restarted.awaitEnd(taskId, Duration.ofSeconds(20));
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(Files.readAllLines(runs)).containsExactly("ran-1");
            assertThat(restarted.api().logs(taskId, 0, 100).lines()).extracting(l -> l.text())
                    .containsExactly("before", "after");
            assertThat(restarted.api().result(taskId).summary()).isEqualTo("before\nafter");
        }
    }

    @Test
    void aClaudeSessionGoesOnThroughAHubKillAndEndsOnceWithItsOwnSessionId() throws Exception {
        Path project = Files.createDirectories(home.resolve("p"));
        FakeClaude claude = FakeClaude.pausingMidSession(Files.createDirectories(home.resolve("fake")), 3);
        java.util.Map<String, String> env = java.util.Map.of("DOBBY_CLAUDE_BIN", claude.program().toString());
        long taskId;
        try (HubProcess crashing = HubProcess.start(home, List.of(), List.of(), env)) {
            HubHttpClient client = crashing.client();
            client.registerProject(NewProject.of("p", project.toString()));
            taskId = client.createTask(NewTask.of("create hello.txt", "p").withBackend(Backend.CLAUDE)).id();
            long id = taskId;
            Await.until(() -> client.logs(id, 0, 10).lines().size() == 2, Duration.ofSeconds(20),
                    "the session's first lines");
            crashing.kill();
        }
        try (HubProcess restarted = HubProcess.start(home, List.of(), List.of(), env)) {
            HubHttpClient client = restarted.client();
            long id = taskId;
            Task done = Await.until(() -> client.getTask(id), t -> t.status().isTerminal(), Duration.ofSeconds(30),
                    "the session to end");
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(claude.runs()).as("one run of the agent, never resumed or restarted").hasSize(1);
            assertThat(client.result(id).sessionId()).isEqualTo(FakeClaude.SESSION);
            assertThat(client.logs(id, 0, 100).lines()).hasSize(
                    Files.readAllLines(home.resolve("fake/session.jsonl")).size());
        }
    }

    @Test
    void anAgentThatEndedWhileNoHubRanIsCollectedWhenTheHubStartsAgain() throws Exception {
        Path project = Files.createDirectories(home.resolve("p"));
        Path runs = home.resolve("runs");
        long taskId;
        try (HubProcess crashing = HubProcess.start(home)) {
            HubHttpClient client = crashing.client();
            client.registerProject(NewProject.of("p", project.toString()));
            taskId = client.createTask(NewTask.of("echo started; sleep 1; echo ran >> '" + runs + "'; exit 3", "p")
                    .withBackend(Backend.SHELL)).id();
            long id = taskId;
            Await.until(() -> client.logs(id, 0, 10).lines().size() == 1, Duration.ofSeconds(10), "the first line");
            crashing.kill();
        }
        Await.until(() -> lines(runs) == 1, Duration.ofSeconds(10), "the agent to finish while no hub runs");
        try (TestHub restarted = TestHub.start(home)) {
            Task done = restarted.awaitEnd(taskId, Duration.ofSeconds(20));
            assertThat(done.status()).as("its own outcome, not a loss").isEqualTo(TaskStatus.FAILED);
            assertThat(done.statusReason()).contains("exited with code 3");
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(restarted.api().result(taskId).exitCode()).isEqualTo(3);
        }
        assertThat(lines(runs)).isEqualTo(1);
    }

    @Test
    void anAttemptWhoseSupervisorDiedTooIsLostAndItsAgentStopped() throws Exception {
        Path project = Files.createDirectories(home.resolve("p"));
        Path pidFile = home.resolve("pids");
        long taskId;
        List<Long> agents;
        try (HubProcess crashing = HubProcess.start(home)) {
            HubHttpClient client = crashing.client();
            client.registerProject(NewProject.of("p", project.toString()));
            String command = "if [ -e '" + pidFile + "' ]; then echo second attempt; else "
                    + Processes.sleeperWithChild(pidFile, 300) + "; fi";
            taskId = client.createTask(NewTask.of(command, "p").withBackend(Backend.SHELL)).id();
            agents = Processes.pids(pidFile);
            crashing.kill();
        }
        long supervisor = Long.parseLong(Files.readString(onlyAttemptFolder().resolve("supervisor.pid")).strip());
        ProcessHandle.of(supervisor).orElseThrow().destroyForcibly();
        assertThat(agents).as("the agent runs on without its supervisor").allMatch(Processes::alive);

        try (TestHub restarted = TestHub.start(home)) {
            Processes.awaitAllGone(agents, Duration.ofSeconds(10));
            Task done = restarted.awaitEnd(taskId, Duration.ofSeconds(20));
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(restarted.api().result(taskId).summary()).isEqualTo("second attempt");
        }
    }

    @Test
    void aHubStartedOnACopyOfTheDatabaseNeverTouchesTheFirstHubsAgents(@TempDir Path otherHome) throws Exception {
        Path project = Files.createDirectories(home.resolve("p"));
        Path pidFile = home.resolve("pids");
        long taskId;
        List<Long> agents;
        try (HubProcess first = HubProcess.start(home)) {
            HubHttpClient client = first.client();
            client.registerProject(NewProject.of("p", project.toString()));
            String command = "if [ -e '" + pidFile + "' ]; then echo copy; else "
                    + Processes.sleeperWithChild(pidFile, 4) + "; echo original; fi";
            taskId = client.createTask(NewTask.of(command, "p").withBackend(Backend.SHELL)).id();
            agents = Processes.pids(pidFile);
            first.kill();
        }
        for (String name : List.of("dobby.db", "dobby.db-wal", "dobby.db-shm")) {
            if (Files.exists(home.resolve(name))) {
                Files.copy(home.resolve(name), otherHome.resolve(name));
            }
        }
        try (TestHub copy = TestHub.start(otherHome)) {
            Task done = copy.awaitEnd(taskId, Duration.ofSeconds(20));
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(agents).as("the copy runs the task itself and leaves the original's agent alone")
                    .allMatch(Processes::alive);
        }
        try (TestHub original = TestHub.start(home)) {
            Task done = original.awaitEnd(taskId, Duration.ofSeconds(20));
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(original.api().result(taskId).summary()).endsWith("original");
        }
    }

    private Path onlyAttemptFolder() throws java.io.IOException {
        try (var dirs = Files.list(home.resolve("attempts"))) {
            return dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .findFirst().orElseThrow();
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
