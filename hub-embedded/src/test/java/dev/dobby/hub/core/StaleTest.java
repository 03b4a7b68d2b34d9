package dev.dobby.hub.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.FakeWorker;
import dev.dobby.hub.testing.Processes;
import dev.dobby.hub.testing.SteppedClock;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.Heartbeat;
import dev.dobby.protocol.work.LogChunk;
import dev.dobby.protocol.work.OutputLine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running task that stays silent for stale_timeout is stopped as stale; one that talks runs on. */
class StaleTest {
    @TempDir
    Path home;
    final SteppedClock clock = SteppedClock.running(Instant.parse("2026-03-02T10:00:00Z"));
    TestHub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    /** A long lease, so that the big clock steps test silence, not missed heartbeats. */
    private TestHub start(int localAgents) {
        return TestHub.start(home, c -> c.withMaxConcurrentAgents(localAgents).withStaleTimeout(Duration.ofMinutes(10))
                .withLease(Duration.ofHours(2), Duration.ofSeconds(5)), b -> b.clock(clock).automaticTicks(false));
    }

    @Test
    void aSilentTaskOnASpokeBecomesStaleAndTheSpokeIsToldToStopIt() {
        hub = start(0);
        hub.project("p");
        FakeWorker worker = new FakeWorker(hub.hub().work(), "spoke", List.of(Backend.SHELL), List.of(), 1);
        Task task = hub.api().createTask(NewTask.of("quiet", "p").withBackend(Backend.SHELL));
        Assignment assignment = worker.take();

        clock.step(Duration.ofMinutes(5));
        hub.hub().work().appendLog(assignment.attempt(),
                LogChunk.lines(1, List.of(new OutputLine(OutputLine.STDOUT, clock.instant(), "thinking"))));
        clock.step(Duration.ofMinutes(9));
        hub.hub().tick();
        assertThat(hub.api().getTask(task.id()).status()).as("output 9 minutes ago keeps it alive")
                .isEqualTo(TaskStatus.RUNNING);

        clock.step(Duration.ofMinutes(1).plusSeconds(1));
        hub.hub().tick();
        Task stale = hub.api().getTask(task.id());
        assertThat(stale.status()).isEqualTo(TaskStatus.STALE);
        assertThat(stale.statusReason()).startsWith("stale: no output for 10m")
                .contains("(stale_timeout is 10m); the agent was stopped");
        assertThat(hub.api().result(task.id()).status()).isEqualTo(TaskStatus.STALE);
        assertThat(hub.hub().work().heartbeat(new Heartbeat("spoke", List.of(assignment.attempt()), null, false)).stop())
                .as("the spoke's next heartbeat tells it to stop the agent").containsExactly(assignment.attempt().attemptId());
    }

    @Test
    void aTaskThatKeepsTalkingIsNotStaleButItsTimeoutStillHolds() {
        hub = start(0);
        hub.project("p");
        FakeWorker worker = new FakeWorker(hub.hub().work(), "spoke", List.of(Backend.SHELL), List.of(), 1);
        Task task = hub.api().createTask(NewTask.of("chatty", "p").withBackend(Backend.SHELL).withTimeout(20 * 60));
        Assignment assignment = worker.take();
        for (int chunk = 1; chunk <= 3; chunk++) {
            clock.step(Duration.ofMinutes(8));
            hub.hub().work().appendLog(assignment.attempt(),
                    LogChunk.lines(chunk, List.of(new OutputLine(OutputLine.STDOUT, clock.instant(), "line " + chunk))));
            hub.hub().tick();
        }
        Task ended = hub.api().getTask(task.id());
        assertThat(ended.status()).as("24 minutes in, past its 20 minute timeout and the hub's minute of grace").isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(ended.statusReason()).contains("after the timeout of 1200 s");
    }

    @Test
    void theLocalWorkersSilentAgentIsKilled() {
        hub = start(1);
        hub.project("p");
        Path pidFile = home.resolve("pids");
        Task task = hub.shell("p", Processes.sleeperWithChild(pidFile, 300));
        List<Long> pids = Processes.pids(pidFile);
        Await.until(() -> hub.api().logs(task.id(), 0, 10).lines().size() == 1, Duration.ofSeconds(10),
                "the line 'started' to reach the hub");
        clock.step(Duration.ofMinutes(11));
        hub.hub().tick();

        Task stale = hub.awaitStatus(task.id(), TaskStatus.STALE, Duration.ofSeconds(5));
        assertThat(stale.statusReason()).contains("stale: no output for 11m");
        Processes.awaitAllGone(pids, Duration.ofSeconds(10));
    }
}
