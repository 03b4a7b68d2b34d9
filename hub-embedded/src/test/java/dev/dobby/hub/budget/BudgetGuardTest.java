package dev.dobby.hub.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.FakeWorker;
import dev.dobby.hub.testing.SteppedClock;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.AgentProgress;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.Heartbeat;
import dev.dobby.protocol.work.LogChunk;
import dev.dobby.protocol.work.OutputLine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's own enforcement, with a worker that reports costs but never stops anything itself (an older spoke)
 * and a stepped clock: the hub ends such attempts from the progress it receives.
 */
class BudgetGuardTest {
    @TempDir
    Path home;
    final SteppedClock clock = SteppedClock.running(Instant.parse("2026-03-02T10:00:00Z"));
    TestHub hub;
    FakeWorker worker;

    @BeforeEach
    void start() {
        hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0), b -> b.clock(clock).automaticTicks(false));
        hub.project("p");
        worker = new FakeWorker(hub.hub().work(), "old-spoke", List.of(Backend.CLAUDE), List.of(), 10);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private void reportCost(Assignment assignment, long chunk, double cost) {
        AgentProgress progress = new AgentProgress("thinking", List.of(), List.of(), null, 1000L, 1000L, cost,
                "claude-test", "s-9");
        hub.hub().work().appendLog(assignment.attempt(), new LogChunk(chunk,
                List.of(new OutputLine(OutputLine.STDOUT, clock.instant(), "spent " + cost)), List.of(), progress,
                List.of()));
    }

    /** Time passes; the worker stays alive (heartbeats), and the hub's timers run. */
    private void later(Duration by, Assignment assignment) {
        clock.step(by);
        hub.hub().work().heartbeat(new Heartbeat(worker.id(), List.of(assignment.attempt()), null, false));
        hub.hub().tick();
    }

    @Test
    void anAttemptThatStaysOverItsCapIsEndedByTheHubWithItsCostKept() {
        Task task = hub.api().createTask(NewTask.of("spend", "p").withBackend(Backend.CLAUDE).withMaxCostUsd(2.0));
        Assignment assignment = worker.take();
        assertThat(assignment.agent().maxCostUsd()).isEqualTo(2.0);

        reportCost(assignment, 1, 1.0);
        later(Duration.ofMinutes(5), assignment);
        assertThat(hub.api().getTask(task.id()).status()).isEqualTo(TaskStatus.RUNNING);

        reportCost(assignment, 2, 2.5);
        later(Duration.ofSeconds(1), assignment);
        assertThat(hub.api().getTask(task.id()).status()).as("the worker gets time to stop it itself")
                .isEqualTo(TaskStatus.RUNNING);

        later(Duration.ofMinutes(1), assignment);
        Task ended = hub.api().getTask(task.id());
        assertThat(ended.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(ended.statusReason()).isEqualTo("budget: spent $2.50 of its $2.00 cap");
        TaskResult result = hub.api().result(task.id());
        assertThat(result.costUsd()).isEqualTo(2.5);
        assertThat(result.sessionId()).isEqualTo("s-9");
        assertThat(hub.api().logs(task.id(), 0, 10).lines()).hasSize(2);
    }

    @Test
    void aTaskStoppedForItsBudgetIsNotRetriedEvenWhenThePolicyRetriesFailures() {
        hub.api().updateProject("p", ProjectPolicy.retries(3, 0));
        Task task = hub.api().createTask(NewTask.of("spend", "p").withBackend(Backend.CLAUDE).withMaxCostUsd(1.0));
        Assignment assignment = worker.take();
        reportCost(assignment, 1, 1.5);
        hub.hub().work().finish(assignment.attempt(), new dev.dobby.protocol.work.Outcome(TaskStatus.FAILED, null,
                3, "partial work", List.of(), 1000L, 1000L, 1.5, 2, "s-9", null, null, null, false, null, false,
                "budget: spent $1.50 of its $1.00 cap", 1));

        Task ended = hub.api().getTask(task.id());
        assertThat(ended.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(ended.statusReason()).isEqualTo("budget: spent $1.50 of its $1.00 cap");
        assertThat(ended.attempts()).isEqualTo(1);
        assertThat(hub.api().result(task.id()).summary()).isEqualTo("partial work");
    }

    @Test
    void aProjectThatStopsRunningTasksOverBudgetEndsThemAndHoldsTheRest() {
        hub.api().updateProject("p", ProjectPolicy.budgets(1.0, null, true));
        Task running = hub.api().createTask(NewTask.of("spend", "p").withBackend(Backend.CLAUDE));
        Assignment assignment = worker.take();
        Task next = hub.api().createTask(NewTask.of("later", "p").withBackend(Backend.CLAUDE));

        reportCost(assignment, 1, 1.25);
        later(Duration.ofSeconds(1), assignment);

        Task ended = hub.api().getTask(running.id());
        assertThat(ended.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(ended.statusReason()).isEqualTo("budget of p reached ($1.00 today); resets at 00:00");
        assertThat(hub.api().getTask(next.id()).status()).isEqualTo(TaskStatus.PENDING);
        assertThat(hub.api().detailStatus(next.id()).waitingReason())
                .isEqualTo("budget of p reached ($1.00 today); resets at 00:00");
        assertThat(worker.poll(Duration.ofMillis(300))).isEmpty();
    }
}
