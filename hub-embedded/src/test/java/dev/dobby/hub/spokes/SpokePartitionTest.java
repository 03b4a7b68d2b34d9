package dev.dobby.hub.spokes;

import static dev.dobby.hub.spokes.SpokeCrashTest.HEARTBEAT;
import static dev.dobby.hub.spokes.SpokeCrashTest.LEASE;
import static dev.dobby.hub.spokes.SpokeCrashTest.lines;
import static dev.dobby.hub.spokes.SpokeCrashTest.spoke;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.Processes;
import dev.dobby.hub.testing.SpokeProcess;
import dev.dobby.hub.testing.TcpProxy;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.SpokeChanged;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A spoke cut off from its hub (a proxy the test controls stands for the network between them). */
@Timeout(120)
class SpokePartitionTest {
    @TempDir
    Path home;

    @Test
    void aSpokeCutOffPastItsLeaseStopsItsAgentAndNeverReportsThatAttempt() throws Exception {
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withLease(LEASE, HEARTBEAT)
                .withMaxConcurrentAgents(0));
             TcpProxy network = new TcpProxy(hub.hub().port());
             SpokeProcess spoke = SpokeProcess.builder(home.resolve("s"), network.url(), "s").start()) {
            hub.project("p");
            Path runs = home.resolve("runs");
            // The first run would print "finished" after 20 s if it were left alone; a second run ends at once.
            String command = "echo $$ >> '" + runs + "'; if [ $(wc -l < '" + runs + "') -ge 2 ]; then echo second run;"
                    + " else echo first run; sleep 20; echo finished; fi";
            long id = hub.shell("p", command).id();
            Await.until(() -> hub.api().logs(id, 0, 10).lines().size() == 1, Duration.ofSeconds(20),
                    "the first run's output");
            long firstPid = Long.parseLong(lines(runs).getFirst());

            network.cut();
            Task requeued = Await.until(() -> hub.api().getTask(id), t -> t.status() == TaskStatus.PENDING,
                    LEASE.multipliedBy(3), "the hub to take the task back");
            // The spoke stopped its agent before the hub could give the task to anyone else.
            assertThat(Processes.alive(firstPid)).as("the cut-off spoke's agent").isFalse();
            assertThat(requeued.statusReason()).contains("worker s stopped answering");
            assertThat(spoke(hub, "s").state()).isEqualTo(Spoke.State.LOST);

            network.restore();
            Task done = hub.awaitEnd(id, Duration.ofSeconds(40));
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(hub.api().result(id).attempt()).isEqualTo(2);
            assertThat(hub.api().result(id).summary()).isEqualTo("second run");
            assertThat(hub.api().logs(id, 0, 100).lines()).extracting(LogLine::text)
                    .containsExactly("first run", "second run");
            assertThat(spoke(hub, "s").state()).isEqualTo(Spoke.State.ONLINE);
            assertThat(spoke.logText()).contains("stopping task");
        }
    }

    @Test
    void aShortOutageChangesNothingAndTheResultLandsOnce() throws Exception {
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withLease(LEASE, HEARTBEAT)
                .withMaxConcurrentAgents(0));
             TcpProxy network = new TcpProxy(hub.hub().port());
             SpokeProcess spoke = SpokeProcess.builder(home.resolve("s"), network.url(), "s").start()) {
            hub.project("p");
            List<HubEvent> events = new CopyOnWriteArrayList<>();
            try (var subscription = hub.api().subscribe(dev.dobby.protocol.HubApi.EventFilter.hub(),
                    events::add)) {
                long id = hub.shell("p", "for i in 1 2 3 4 5 6 7 8; do echo tick $i; sleep 0.5; done").id();
                Await.until(() -> hub.api().logs(id, 0, 10).lines().size() >= 2, Duration.ofSeconds(20),
                        "the task to be under way");
                network.cut();
                Thread.sleep(2_000); // the outage itself: shorter than the lease
                network.restore();

                Task done = hub.awaitEnd(id, Duration.ofSeconds(30));
                assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(done.attempts()).isEqualTo(1);
                assertThat(hub.api().logs(id, 0, 100).lines()).extracting(LogLine::text)
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, 8).mapToObj(i -> "tick " + i).toList());
                assertThat(hub.api().result(id).attempt()).isEqualTo(1);
                Await.until(() -> events.stream().anyMatch(e -> e instanceof dev.dobby.protocol.event.TaskFinished),
                        Duration.ofSeconds(5), "the finish event");
                assertThat(events).filteredOn(e -> e instanceof dev.dobby.protocol.event.TaskFinished).hasSize(1);
                assertThat(events).filteredOn(e -> e instanceof SpokeChanged changed
                        && changed.spoke().state() == Spoke.State.LOST).isEmpty();
                assertThat(spoke.logText()).contains("heartbeat failed").doesNotContain("stopping task");
            }
        }
    }
}
