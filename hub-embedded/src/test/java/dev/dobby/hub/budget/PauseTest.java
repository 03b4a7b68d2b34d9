package dev.dobby.hub.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubApi.EventFilter;
import dev.dobby.protocol.HubApi.Subscription;
import dev.dobby.protocol.PauseRequest;
import dev.dobby.protocol.PauseState;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.DispatchPaused;
import dev.dobby.protocol.event.HubEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kill switch over REST: what waits, what says why, what survives a restart, what gets stopped. */
class PauseTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    private static String waiting(TestHub hub, long taskId) {
        return Await.until(() -> hub.api().detailStatus(taskId).waitingReason(),
                r -> r != null && r.contains("paused"), LIMIT, "the pause to be the waiting reason");
    }

    @Test
    void aPausedHubStartsNothingSaysWhyRemembersItAcrossARestartAndRunsTheTaskOnceUnpaused() {
        long taskId;
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            PauseState paused = hub.client().pause(new PauseRequest(null, null, "alice"));
            assertThat(paused.paused()).isTrue();
            assertThat(paused.by()).isEqualTo("alice");
            assertThat(paused.since()).isNotNull();

            taskId = hub.shell("p", "echo hi").id();
            assertThat(waiting(hub, taskId)).matches("dispatch is paused \\(since \\d\\d:\\d\\d by alice\\)");
            assertThat(hub.api().getTask(taskId).status()).isEqualTo(TaskStatus.PENDING);
            assertThat(hub.client().pauseState().paused()).isTrue();

            List<HubEvent> seen = new CopyOnWriteArrayList<>();
            try (Subscription ignored = hub.client().subscribe(EventFilter.hub().after(0), seen::add)) {
                Await.until(() -> seen.stream().anyMatch(e -> e instanceof DispatchPaused), LIMIT, "the event");
            }
            assertThat(seen).filteredOn(e -> e instanceof DispatchPaused).singleElement()
                    .satisfies(e -> assertThat(((DispatchPaused) e).state().paused()).isTrue());
        }
        try (TestHub hub = TestHub.start(home)) {
            assertThat(hub.client().pauseState().paused()).isTrue();
            assertThat(waiting(hub, taskId)).startsWith("dispatch is paused");
            assertThat(hub.api().getTask(taskId).status()).isEqualTo(TaskStatus.PENDING);

            PauseState resumed = hub.client().unpause(null);
            assertThat(resumed.paused()).isFalse();
            assertThat(hub.awaitEnd(taskId, LIMIT).status()).isEqualTo(TaskStatus.COMPLETED);
        }
    }

    @Test
    void pausingOneProjectHoldsOnlyItsTasks() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("a");
            hub.project("b");
            PauseState state = hub.client().pause(new PauseRequest("a", null, null));
            assertThat(state.paused()).isFalse();
            assertThat(state.projects()).containsOnlyKeys("a");

            Task held = hub.shell("a", "echo a");
            Task free = hub.shell("b", "echo b");
            assertThat(hub.awaitEnd(free.id(), LIMIT).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(waiting(hub, held.id()))
                    .matches("dispatch of project a is paused \\(since \\d\\d:\\d\\d by the API\\)");

            assertThat(hub.client().unpause(new PauseRequest("a", null, null)).projects()).isEmpty();
            assertThat(hub.awaitEnd(held.id(), LIMIT).status()).isEqualTo(TaskStatus.COMPLETED);
        }
    }

    @Test
    void pausingWithStopRunningCancelsWhatRunsAsPaused() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            Task task = hub.shell("p", "echo started; sleep 60");
            hub.awaitStatus(task.id(), TaskStatus.RUNNING, LIMIT);

            hub.client().pause(new PauseRequest(null, true, "ops"));

            Task ended = hub.awaitEnd(task.id(), LIMIT);
            assertThat(ended.status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(ended.statusReason()).isEqualTo("paused");
        }
    }

    @Test
    void pausingAnUnknownProjectIsANotFound() {
        try (TestHub hub = TestHub.start(home)) {
            assertThatThrownBy(() -> hub.client().pause(new PauseRequest("nope", null, null)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
    }
}
