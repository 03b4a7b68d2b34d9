package dev.dobby.hub.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.FakeWorker;
import dev.dobby.hub.testing.SteppedClock;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Stats;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /stats: counts by status and project, tokens, cost, durations, and the same per day. */
class StatsTest {
    static final Instant DAY_ONE = Instant.parse("2026-03-02T12:00:00Z");

    @TempDir
    Path home;
    final SteppedClock clock = SteppedClock.running(DAY_ONE);
    TestHub hub;
    FakeWorker worker;

    @BeforeEach
    void start() {
        hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0).withLease(Duration.ofDays(30), Duration.ofSeconds(5)),
                b -> b.clock(clock).automaticTicks(false));
        hub.project("p");
        hub.project("q");
        worker = new FakeWorker(hub.hub().work(), "w", List.of(Backend.SHELL), List.of(), 1);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private void run(String project, TaskStatus status, long tokensIn, long tokensOut, double cost, double seconds) {
        hub.api().createTask(NewTask.of("work", project).withBackend(Backend.SHELL));
        hub.hub().work().finish(worker.take().attempt(), new Outcome(status, 0, seconds, "s", List.of(), tokensIn,
                tokensOut, cost, 1, null, null, null, null, false, null, false, null, 0));
    }

    @Test
    void totalsAndPerDayFiguresAddUp() {
        run("p", TaskStatus.COMPLETED, 1000, 200, 0.50, 60);
        run("p", TaskStatus.FAILED, 500, 100, 0.25, 30);
        clock.step(Duration.ofDays(1));
        run("q", TaskStatus.COMPLETED, 10, 5, 0.01, 10);
        hub.api().createTask(NewTask.of("waiting", "q").withBackend(Backend.SHELL).withDraft(true));

        Stats stats = hub.client().stats();
        assertThat(stats.tasks()).isEqualTo(4);
        assertThat(stats.byStatus()).containsEntry(TaskStatus.COMPLETED, 2L).containsEntry(TaskStatus.FAILED, 1L)
                .containsEntry(TaskStatus.DRAFT, 1L);
        assertThat(stats.byProject().get("p")).containsEntry(TaskStatus.COMPLETED, 1L).containsEntry(TaskStatus.FAILED, 1L);
        assertThat(stats.tokensIn()).isEqualTo(1510);
        assertThat(stats.tokensOut()).isEqualTo(305);
        assertThat(stats.costUsd()).isCloseTo(0.76, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(stats.avgDurationSeconds()).isCloseTo(100 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(stats.timeZone()).isEqualTo(ZoneId.systemDefault().getId());

        assertThat(stats.usageByProject().get("p")).isEqualTo(new Stats.Usage(2, 1500, 300, 0.75, 90));
        assertThat(stats.usageByProject().get("q")).isEqualTo(new Stats.Usage(1, 10, 5, 0.01, 10));

        ZoneId zone = ZoneId.systemDefault();
        LocalDate first = LocalDate.ofInstant(DAY_ONE, zone);
        assertThat(stats.days()).extracting(Stats.Day::date).containsExactly(first, first.plusDays(1));
        assertThat(stats.days().getFirst()).isEqualTo(new Stats.Day(first, 2, 1, 1, 1500, 300, 0.75, 90));
        assertThat(stats.days().getLast().attempts()).isEqualTo(1);

        clock.step(Duration.ofDays(Stats.DAYS));
        assertThat(hub.client().stats().days()).as("only the last " + Stats.DAYS + " days").isEmpty();
        assertThat(hub.client().stats().tokensIn()).as("the totals keep the whole history").isEqualTo(1510);
    }
}
