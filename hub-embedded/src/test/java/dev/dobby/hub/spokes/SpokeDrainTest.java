package dev.dobby.hub.spokes;

import static dev.dobby.hub.spokes.SpokeCrashTest.HEARTBEAT;
import static dev.dobby.hub.spokes.SpokeCrashTest.LEASE;
import static dev.dobby.hub.spokes.SpokeCrashTest.lines;
import static dev.dobby.hub.spokes.SpokeCrashTest.spoke;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.Processes;
import dev.dobby.hub.testing.SpokeProcess;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.SpokeChanged;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM drains a spoke; a second signal stops it. */
@Timeout(120)
class SpokeDrainTest {
    @TempDir
    Path home;

    @Test
    void aDrainingSpokeFinishesItsTaskTakesNoOtherAndGoesOffline() throws Exception {
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withLease(LEASE, HEARTBEAT)
                .withMaxConcurrentAgents(0))) {
            hub.project("p");
            List<HubEvent> events = new CopyOnWriteArrayList<>();
            try (HubApi.Subscription subscription = hub.api().subscribe(HubApi.EventFilter.hub(), events::add);
                 SpokeProcess spoke = SpokeProcess.builder(home.resolve("s"), hub.url(), "s").start()) {
                long running = hub.shell("p", "echo working; sleep 2; echo finished").id();
                Await.until(() -> hub.api().logs(running, 0, 10).lines().size() == 1, Duration.ofSeconds(20),
                        "the task to start");
                long queued = hub.shell("p", "echo next").id();

                spoke.terminate();
                Await.until(() -> events.stream().anyMatch(e -> e instanceof SpokeChanged c
                        && c.spoke().id().equals("s") && c.spoke().state() == Spoke.State.DRAINING),
                        Duration.ofSeconds(10), "spoke s announced draining");
                assertThat(spoke.awaitExit(Duration.ofSeconds(30))).isZero();

                Task finished = hub.api().getTask(running);
                assertThat(finished.status()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(hub.api().result(running).summary()).endsWith("finished");
                assertThat(hub.api().getTask(queued).status()).isEqualTo(TaskStatus.PENDING);
                assertThat(spoke(hub, "s").state()).isEqualTo(Spoke.State.STOPPED);
                assertThat(spoke.logText()).contains("draining");

                try (SpokeProcess next = SpokeProcess.builder(home.resolve("t"), hub.url(), "t").start()) {
                    assertThat(hub.awaitEnd(queued, Duration.ofSeconds(20)).worker()).isEqualTo("t");
                }
            }
        }
    }

    @Test
    void aSecondSignalStopsAtOnceAndTheTaskGoesBackToTheQueue() throws Exception {
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withLease(LEASE, HEARTBEAT)
                .withMaxConcurrentAgents(0));
             SpokeProcess spoke = SpokeProcess.builder(home.resolve("s"), hub.url(), "s").start()) {
            hub.project("p");
            Path pids = home.resolve("pids");
            long id = hub.shell("p", "echo $$ >> '" + pids + "'; echo working; sleep 300").id();
            Await.until(() -> lines(pids).size() == 1, Duration.ofSeconds(20), "the agent to start");
            long agent = Long.parseLong(lines(pids).getFirst());

            spoke.terminate();
            Await.until(() -> spoke(hub, "s").state() == Spoke.State.DRAINING, Duration.ofSeconds(10),
                    "spoke s to drain");
            spoke.terminate();
            assertThat(spoke.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);

            assertThat(Processes.alive(agent)).isFalse();
            Task requeued = hub.api().getTask(id);
            assertThat(requeued.status()).isEqualTo(TaskStatus.PENDING);
            assertThat(requeued.statusReason()).isEqualTo("worker s stopped while it ran; queued again");
            assertThat(spoke(hub, "s").state()).isEqualTo(Spoke.State.STOPPED);
        }
    }
}
