package dev.dobby.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskCreated;
import dev.dobby.protocol.event.TaskLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventBridgeTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path home;

    @Test
    void manyEventsReachTheUiInFewBatches() {
        try (TestHub hub = TestHub.start(home);
             EventBridge bridge = new EventBridge(hub.api(), Runnable::run, Duration.ofMillis(100))) {
            List<EventBridge.Batch> batches = new CopyOnWriteArrayList<>();
            bridge.addListener(batches::add);
            java.util.concurrent.CountDownLatch subscribed = new java.util.concurrent.CountDownLatch(1);
            bridge.start(subscribed::countDown);
            Await.until(() -> subscribed.getCount() == 0, LIMIT, "the subscription");
            hub.project("p");
            Await.until(() -> batches.stream().anyMatch(b -> !b.hub().isEmpty()), LIMIT, "the project event");

            for (int i = 0; i < 40; i++) {
                hub.api().createTask(NewTask.of("draft " + i, "p").withBackend(Backend.SHELL).withDraft(true));
            }
            Await.until(() -> created(batches) == 40, LIMIT, "all 40 creations");
            long withCreations = batches.stream().filter(b -> b.hub().stream().anyMatch(TaskCreated.class::isInstance))
                    .count();
            assertThat(withCreations).isLessThan(40);
            assertThat(bridge.batches()).isEqualTo(batches.size());
        }
    }

    @Test
    void followingATaskBringsItsHistoryThenItsLiveLinesAndStartsAfreshOnTheNext() {
        try (TestHub hub = TestHub.start(home);
             EventBridge bridge = new EventBridge(hub.api(), Runnable::run, Duration.ofMillis(50))) {
            List<EventBridge.Batch> batches = new CopyOnWriteArrayList<>();
            bridge.addListener(batches::add);
            bridge.start(() -> { });
            hub.project("p");
            Task done = hub.shell("p", "echo earlier");
            hub.awaitEnd(done.id(), LIMIT);

            bridge.follow(done.id());
            Await.until(() -> lines(batches, done.id()).contains("earlier"), LIMIT, "the finished task's history");
            assertThat(batches.stream().filter(EventBridge.Batch::taskReset).map(EventBridge.Batch::taskId))
                    .containsExactly(done.id());

            Task live = hub.shell("p", "echo now; sleep 0.3; echo later");
            bridge.follow(live.id());
            Await.until(() -> lines(batches, live.id()).contains("later"), LIMIT, "the live task's lines");
            assertThat(lines(batches, live.id())).containsSubsequence("now", "later");
            EventBridge.Batch lastReset = batches.stream().filter(EventBridge.Batch::taskReset).reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(lastReset.taskId()).isEqualTo(live.id());
            assertThat(batches.stream().filter(b -> live.id() == nullToZero(b.taskId()))
                    .flatMap(b -> b.task().stream()).allMatch(e -> live.id() == nullToZero(e.subjectTask())))
                    .isTrue();

            bridge.follow(null);
            Await.until(() -> batches.getLast().taskReset() && batches.getLast().taskId() == null, LIMIT,
                    "following nothing");
        }
    }

    private static long nullToZero(Long value) {
        return value == null ? 0 : value;
    }

    private static long created(List<EventBridge.Batch> batches) {
        return batches.stream().flatMap(b -> b.hub().stream()).filter(TaskCreated.class::isInstance).count();
    }

    private static List<String> lines(List<EventBridge.Batch> batches, long taskId) {
        return batches.stream().filter(b -> b.taskId() != null && b.taskId() == taskId)
                .flatMap(b -> b.task().stream())
                .filter(TaskLog.class::isInstance)
                .flatMap((HubEvent e) -> ((TaskLog) e).lines().stream())
                .map(l -> l.text())
                .toList();
    }
}
