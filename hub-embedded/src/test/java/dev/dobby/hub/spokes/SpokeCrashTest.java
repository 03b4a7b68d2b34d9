package dev.dobby.hub.spokes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.Processes;
import dev.dobby.hub.testing.SpokeProcess;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spoke that dies with kill -9 loses no task, and its agent never runs beside the task's next attempt: the
 * agent's supervisor stops it when the lease it holds runs out, before the hub gives the task to someone else.
 */
@Timeout(120)
class SpokeCrashTest {
    static final Duration LEASE = Duration.ofSeconds(6);
    static final Duration HEARTBEAT = Duration.ofSeconds(1);

    @TempDir
    Path home;

    @Test
    void aKilledSpokesTaskGoesBackToTheQueueAndRunsAgainExactlyOnce() throws Exception {
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withLease(LEASE, HEARTBEAT)
                .withMaxConcurrentAgents(0))) {
            hub.project("p");
            Path runs = home.resolve("runs");
            // Each run records its pid; the first one then hangs, a second one finishes at once.
            String command = "echo $$ >> '" + runs + "'; if [ $(wc -l < '" + runs + "') -ge 2 ]; then echo second run;"
                    + " else echo first run; sleep 300; fi";
            long firstPid;
            try (SpokeProcess doomed = SpokeProcess.builder(home.resolve("a"), hub.url(), "a").start()) {
                long id = hub.shell("p", command).id();
                // Once the hub has the first run's output: what the spoke had not sent yet dies with it.
                Await.until(() -> hub.api().logs(id, 0, 10).lines().size() == 1, Duration.ofSeconds(20),
                        "the first run's output");
                assertThat(hub.api().getTask(id).worker()).isEqualTo("a");
                firstPid = Long.parseLong(lines(runs).getFirst());
                doomed.kill();

                Task requeued = Await.until(() -> hub.api().getTask(id), t -> t.status() != TaskStatus.RUNNING,
                        LEASE.multipliedBy(3), "the hub to notice spoke a is gone");
                assertThat(Processes.alive(firstPid)).as("the orphaned agent, once the task is queued again")
                        .isFalse();
                assertThat(requeued.status()).isEqualTo(TaskStatus.PENDING);
                assertThat(requeued.statusReason()).contains("worker a stopped answering").contains("queued again");
                assertThat(spoke(hub, "a").state()).isEqualTo(Spoke.State.LOST);

                try (SpokeProcess rescuer = SpokeProcess.builder(home.resolve("b"), hub.url(), "b").start()) {
                    Task done = hub.awaitEnd(id, Duration.ofSeconds(30));
                    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
                    assertThat(done.worker()).isEqualTo("b");
                    assertThat(done.attempts()).isEqualTo(2);
                    assertThat(hub.api().result(id).summary()).isEqualTo("second run");
                    assertThat(lines(runs)).hasSize(2);
                    assertThat(hub.api().logs(id, 0, 100).lines()).extracting(LogLine::text)
                            .containsExactly("first run", "second run");
                }
            }
            // The restarted spoke finds the first attempt ended by its supervisor; the hub has moved on, so
            // nothing of it is reported again.
            try (SpokeProcess restarted = SpokeProcess.builder(home.resolve("a"), hub.url(), "a").start()) {
                Await.until(() -> spoke(hub, "a").state() == Spoke.State.ONLINE, Duration.ofSeconds(10),
                        "spoke a to be online again");
            }
            assertThat(lines(runs)).hasSize(2);
        }
    }

    static Spoke spoke(TestHub hub, String id) {
        return hub.api().spokes().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no spoke " + id));
    }

    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList()
                    : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
