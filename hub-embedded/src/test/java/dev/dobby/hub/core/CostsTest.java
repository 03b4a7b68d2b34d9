package dev.dobby.hub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.dobby.hub.testing.FakeWorker;
import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.SteppedClock;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Costs;
import dev.dobby.protocol.NewTask;
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

/** GET /stats/costs: tokens and cost per project per calendar day. */
class CostsTest {
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

    private void run(String project, TaskStatus status, long tokensIn, long tokensOut, double cost) {
        hub.api().createTask(NewTask.of("work", project).withBackend(Backend.SHELL));
        hub.hub().work().finish(worker.take().attempt(), new Outcome(status, 0, 5, "s", List.of(), tokensIn,
                tokensOut, cost, 1, null, null, null, null, false, null, false, null, 0));
    }

    @Test
    void eachProjectsDaysAddUpItsFinishedAttempts() {
        run("p", TaskStatus.COMPLETED, 1000, 200, 0.50);
        run("p", TaskStatus.FAILED, 500, 100, 0.25);
        run("q", TaskStatus.COMPLETED, 10, 5, 0.01);
        clock.step(Duration.ofDays(1));
        run("p", TaskStatus.COMPLETED, 1, 2, 0.02);

        LocalDate first = LocalDate.ofInstant(DAY_ONE, ZoneId.systemDefault());
        Costs costs = hub.client().costs(7, null);
        assertThat(costs.to()).isEqualTo(first.plusDays(1));
        assertThat(costs.from()).isEqualTo(first.plusDays(1).minusDays(6));
        assertThat(costs.timeZone()).isEqualTo(ZoneId.systemDefault().getId());
        assertThat(costs.days()).extracting(Costs.Day::day, Costs.Day::project, Costs.Day::attempts,
                        Costs.Day::tokensIn, Costs.Day::tokensOut)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(first, "p", 2L, 1500L, 300L),
                        org.assertj.core.groups.Tuple.tuple(first, "q", 1L, 10L, 5L),
                        org.assertj.core.groups.Tuple.tuple(first.plusDays(1), "p", 1L, 1L, 2L));
        assertThat(costs.days().getFirst().costUsd()).isCloseTo(0.75, offset(1e-9));

        assertThat(hub.client().costs(7, "q").days()).extracting(Costs.Day::project).containsExactly("q");
        assertThat(hub.client().costs(1, null).days()).as("only today").extracting(Costs.Day::day)
                .containsExactly(first.plusDays(1));
    }

    @Test
    void badQueriesAreRefusedWithAMessage() {
        Http http = new Http(hub.url());
        Http.Reply days = http.get("/stats/costs?days=0");
        assertThat(days.status()).isEqualTo(400);
        assertThat(days.error()).contains("days must be between 1 and 3660");
        Http.Reply project = http.get("/stats/costs?project=nowhere");
        assertThat(project.status()).isEqualTo(404);
        assertThat(project.error()).contains("no project 'nowhere'");
        assertThat(http.get("/stats/costs").json().path("days")).isEmpty();
    }
}
