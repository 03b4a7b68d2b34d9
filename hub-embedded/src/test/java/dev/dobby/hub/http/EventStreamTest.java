package dev.dobby.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.HubApi.EventFilter;
import dev.dobby.protocol.HubApi.Subscription;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskCreated;
import dev.dobby.protocol.event.TaskFinished;
import dev.dobby.protocol.event.TaskLog;
import dev.dobby.protocol.event.TaskStatusChanged;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStreamTest {
    @TempDir
    Path home;

    private static List<String> statusChanges(List<HubEvent> events, long taskId) {
        return events.stream()
                .filter(e -> e instanceof TaskStatusChanged s && s.taskId() == taskId)
                .map(e -> ((TaskStatusChanged) e).from().wire() + "->" + ((TaskStatusChanged) e).to().wire())
                .toList();
    }

    @Test
    void everyStateChangeArrivesLiveInSequenceOrder() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            List<HubEvent> seen = new CopyOnWriteArrayList<>();
            try (Subscription ignored = hub.client().subscribe(EventFilter.hub(), seen::add)) {
                awaitSubscribed(hub);
                Task task = hub.shell("p", "echo live");
                Await.until(() -> seen.stream().anyMatch(e -> e instanceof TaskFinished), Duration.ofSeconds(20),
                        "the task to finish");
                assertThat(seen.getFirst()).isInstanceOfSatisfying(TaskCreated.class,
                        e -> assertThat(e.task().id()).isEqualTo(task.id()));
                assertThat(statusChanges(seen, task.id())).containsExactly("pending->running", "running->completed");
                assertThat(seen).extracting(HubEvent::seq).isSorted().doesNotHaveDuplicates();
                assertThat(seen).noneMatch(e -> e instanceof TaskLog).as("logs only when asked for");
            }
        }
    }

    /** The client connects asynchronously; an event produced before it listens would be missed (no replay). */
    private static void awaitSubscribed(TestHub hub) {
        Await.until(() -> hub.hub().service() != null && subscribers(hub) > 0, Duration.ofSeconds(5), "subscriber");
    }

    private static int subscribers(TestHub hub) {
        try {
            var field = dev.dobby.hub.core.HubService.class.getDeclaredField("bus");
            field.setAccessible(true);
            return ((dev.dobby.hub.core.EventBus) field.get(hub.hub().service())).subscriberCount();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReconnectAfterLastEventIdGetsEverythingItMissed() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            Task first = hub.shell("p", "echo one");
            hub.awaitEnd(first.id(), Duration.ofSeconds(20));
            List<HubEvent> all = new CopyOnWriteArrayList<>();
            try (Subscription s = hub.client().subscribe(EventFilter.hub().after(0), all::add)) {
                Await.until(() -> statusChanges(all, first.id()).size() == 2, Duration.ofSeconds(10), "replay");
            }
            long middle = all.stream().filter(e -> e instanceof TaskStatusChanged).findFirst().orElseThrow().seq();
            List<HubEvent> resumed = new CopyOnWriteArrayList<>();
            try (Subscription s = hub.client().subscribe(EventFilter.hub().after(middle), resumed::add)) {
                Await.until(() -> resumed.stream().anyMatch(e -> e instanceof TaskFinished), Duration.ofSeconds(10),
                        "the rest");
            }
            assertThat(resumed).allMatch(e -> e.seq() > middle);
            assertThat(statusChanges(resumed, first.id())).containsExactly("running->completed");
        }
    }

    @Test
    void aTaskStreamReplaysItsWholeHistoryWithLogsThenGoesLive() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            Task task = hub.shell("p", "echo a; echo b; sleep 1; echo c");
            List<HubEvent> seen = new CopyOnWriteArrayList<>();
            try (Subscription s = hub.client().subscribe(EventFilter.task(task.id()), seen::add)) {
                Await.until(() -> seen.stream().anyMatch(e -> e instanceof TaskFinished), Duration.ofSeconds(20),
                        "the end of the task");
            }
            List<String> lines = seen.stream().filter(e -> e instanceof TaskLog)
                    .flatMap(e -> ((TaskLog) e).lines().stream()).map(LogLine::text).toList();
            assertThat(lines).containsExactly("a", "b", "c");
            assertThat(statusChanges(seen, task.id())).containsExactly("pending->running", "running->completed");
            assertThat(seen).allMatch(e -> e.subjectTask() != null && e.subjectTask() == task.id());
        }
    }

    @Test
    void theWireFormatCarriesIdEventNameAndKeepAlives() throws IOException {
        try (TestHub hub = TestHub.start(home, c -> c, b -> b.eventKeepAlive(Duration.ofMillis(300)));
             Socket socket = new Socket("127.0.0.1", hub.hub().port())) {
            hub.project("p");
            socket.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                    + "Last-Event-ID: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            boolean sawKeepAlive = false;
            while ((line = in.readLine()) != null && !sawKeepAlive) {
                lines.add(line);
                sawKeepAlive = line.equals(": keep-alive");
            }
            String text = String.join("\n", lines);
            assertThat(text).contains("Content-Type: text/event-stream").contains("Cache-Control: no-cache");
            assertThat(text).containsPattern("id: \\d+\nevent: project.changed\ndata: \\{\"type\":\"project.changed\"");
            assertThat(sawKeepAlive).isTrue();
        }
    }

    @Test
    void aClientThatStopsReadingNeitherSlowsTheHubNorLosesEvents() throws Exception {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            // A reader with a tiny receive window that does not read at all for now. It speaks HTTP/1.0 so the
            // body arrives unchunked: a chunk boundary can fall inside a large event and split the text searched for.
            Socket stalled = new Socket();
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", hub.hub().port()));
            stalled.getOutputStream().write(("GET /events?logs=true HTTP/1.0\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(200);

            int lines = 50_000;
            Task noisy = hub.shell("p", "i=0; while [ $i -lt " + lines + " ]; do echo \"line $i\"; i=$((i+1)); done");
            Task done = hub.awaitEnd(noisy.id(), Duration.ofSeconds(120));
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(hub.api().health().status()).isEqualTo("ok");

            // Now read it all: every line exactly once, in order.
            BufferedReader in = new BufferedReader(new InputStreamReader(stalled.getInputStream(), StandardCharsets.UTF_8));
            int expected = 0;
            String line;
            stalled.setSoTimeout(20_000);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (expected < lines && System.nanoTime() < deadline && (line = in.readLine()) != null) {
                int at = 0;
                while ((at = line.indexOf("\"text\":\"line ", at)) >= 0) {
                    int start = at + "\"text\":\"line ".length();
                    int end = line.indexOf('"', start);
                    assertThat(Integer.parseInt(line.substring(start, end))).isEqualTo(expected);
                    expected++;
                    at = end;
                }
            }
            assertThat(expected).isEqualTo(lines);
            stalled.close();
        }
    }
}
