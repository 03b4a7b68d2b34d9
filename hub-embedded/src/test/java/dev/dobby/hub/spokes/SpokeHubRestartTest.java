package dev.dobby.hub.spokes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.HubProcess;
import dev.dobby.hub.testing.SpokeProcess;
import dev.dobby.hub.testing.TcpProxy;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.client.HubHttpClient;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.SpokeChanged;
import dev.dobby.protocol.event.TaskFinished;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The hub dies with kill -9 while a spoke works; it comes back on another port behind the same address. */
@Timeout(150)
class SpokeHubRestartTest {
    // Long enough for a JVM to start on a busy machine before the spoke gives up on its lease.
    private static final List<String> SETTINGS = List.of("15", "1", "0");

    @TempDir
    Path home;

    @Test
    void spokesKeepWorkingThroughAHubCrashAndNothingIsLostOrDoneTwice() throws Exception {
        Path hubHome = Files.createDirectories(home.resolve("hub"));
        Path project = Files.createDirectories(home.resolve("p"));
        List<Long> ids = new ArrayList<>();
        HubProcess first = HubProcess.start(hubHome, SETTINGS);
        try (TcpProxy network = new TcpProxy(first.port());
             SpokeProcess spoke = SpokeProcess.builder(home.resolve("s"), network.url(), "s").start()) {
            HubHttpClient client = first.client();
            client.registerProject(NewProject.of("p", project.toString()));
            ids.add(client.createTask(NewTask.of("for i in $(seq 1 12); do echo tick $i; sleep 0.5; done", "p")
                    .withBackend(Backend.SHELL)).id());
            for (int i = 2; i <= 4; i++) {
                ids.add(client.createTask(NewTask.of("echo task " + i, "p").withBackend(Backend.SHELL)).id());
            }
            long longOne = ids.getFirst();
            Await.until(() -> client.logs(longOne, 0, 10).lines().size() >= 2, Duration.ofSeconds(20),
                    "the first task to be under way");
            first.kill();

            try (HubProcess second = HubProcess.start(hubHome, SETTINGS)) {
                List<HubEvent> events = new CopyOnWriteArrayList<>();
                HubHttpClient again = second.client();
                try (HubApi.Subscription subscription = again.subscribe(HubApi.EventFilter.hub(), events::add)) {
                    network.retarget(second.port());
                    for (long id : ids) {
                        Task done = Await.until(() -> again.getTask(id), t -> t.status().isTerminal(),
                                Duration.ofSeconds(60), "task " + id + " to end");
                        assertThat(done.status()).as("task " + id).isEqualTo(TaskStatus.COMPLETED);
                        assertThat(done.attempts()).as("attempts of task " + id).isEqualTo(1);
                        assertThat(again.result(id).attempt()).isEqualTo(1);
                    }
                    assertThat(again.logs(longOne, 0, 100).lines()).extracting(LogLine::text)
                            .containsExactlyElementsOf(IntStream.rangeClosed(1, 12).mapToObj(i -> "tick " + i).toList());
                    Await.until(() -> events.stream().filter(e -> e instanceof TaskFinished).count() >= 3,
                            Duration.ofSeconds(5), "finish events");
                    assertThat(events).filteredOn(e -> e instanceof TaskFinished)
                            .extracting(e -> ((TaskFinished) e).result().taskId()).doesNotHaveDuplicates();
                    assertThat(events).filteredOn(e -> e instanceof SpokeChanged changed
                            && changed.spoke().state() == Spoke.State.LOST).isEmpty();
                    Spoke seen = again.spokes().stream().filter(s -> s.id().equals("s")).findFirst().orElseThrow();
                    assertThat(seen.state()).isEqualTo(Spoke.State.ONLINE);
                    assertThat(again.stats().toString()).isNotEmpty();
                }
            }
            assertThat(spoke.logText()).doesNotContain("stopping task");
        } finally {
            first.close();
        }
    }
}
