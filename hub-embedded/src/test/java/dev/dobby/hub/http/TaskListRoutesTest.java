package dev.dobby.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.hub.testing.FakeWorker;
import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.SteppedClock;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPage;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.Waiting;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /tasks with its waiting reasons and end-time filter, and GET /batches, over real HTTP. */
class TaskListRoutesTest {
    @TempDir
    Path home;

    @Test
    void aPageSaysWhyEachWaitingTaskWaitsAndWhichCannotRunWithoutSomeoneActing() {
        try (TestHub hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0))) {
            hub.project("p");
            var api = hub.client();
            Task parent = api.createTask(NewTask.of("exit 1", "p").withBackend(Backend.SHELL));
            FakeWorker worker = new FakeWorker(hub.hub().work(), "w", List.of(Backend.SHELL), List.of(), 1);
            worker.finish(worker.take(), TaskStatus.FAILED, 1, "failed");
            Task held = api.createTask(NewTask.of("after a failure", "p").withDependsOn(List.of(parent.id())));
            Task claude = api.createTask(NewTask.of("write docs", "p").withBackend(Backend.CLAUDE));
            Task queued = api.createTask(NewTask.of("echo hi", "p").withBackend(Backend.SHELL));
            Task waits = api.createTask(NewTask.of("after the queued one", "p").withDependsOn(List.of(queued.id())));

            JsonNode page = new Http(hub.url()).get("/tasks?limit=50").json();
            JsonNode waiting = page.get("waiting");
            assertThat(waiting.get(String.valueOf(claude.id())).get("reason").asText())
                    .isEqualTo("no online worker can run claude tasks");
            assertThat(waiting.get(String.valueOf(claude.id())).get("stuck").asBoolean()).isTrue();
            assertThat(waiting.get(String.valueOf(held.id())).get("reason").asText())
                    .isEqualTo("waiting for #" + parent.id() + " to complete; #" + parent.id()
                            + " failed: retry it or cancel this task");
            assertThat(waiting.get(String.valueOf(held.id())).get("stuck").asBoolean()).isTrue();
            assertThat(waiting.get(String.valueOf(queued.id())).get("reason").asText())
                    .isEqualTo("queued: waiting for a free worker slot");
            assertThat(waiting.get(String.valueOf(queued.id())).get("stuck").asBoolean()).isFalse();
            assertThat(waiting.get(String.valueOf(waits.id())).get("stuck").asBoolean()).isFalse();
            assertThat(waiting.has(String.valueOf(parent.id()))).as("an ended task does not wait").isFalse();

            TaskPage typed = api.listTasks(TaskQuery.all());
            assertThat(typed.waiting().get(claude.id())).isEqualTo(new Waiting("no online worker can run claude tasks", true));
            assertThat(typed.waiting()).containsKeys(held.id(), queued.id(), waits.id()).doesNotContainKey(parent.id());

            assertThat(api.detailStatus(claude.id()).stuck()).isTrue();
            assertThat(api.detailStatus(held.id()).stuck()).isTrue();
            assertThat(api.detailStatus(queued.id()).stuck()).isFalse();
            assertThat(new Http(hub.url()).get("/tasks/" + held.id() + "/detail-status").json().get("stuck").asBoolean())
                    .isTrue();

            api.retryTask(parent.id(), false);
            assertThat(api.listTasks(TaskQuery.all()).waiting().get(held.id()))
                    .as("a retried parent no longer holds it")
                    .isEqualTo(new Waiting("waiting for #" + parent.id() + " to complete", false));
            assertThat(api.detailStatus(held.id()).waitingReason()).isEqualTo("waiting for #" + parent.id() + " to complete");
        }
    }

    @Test
    void tasksAreFoundByTheDayTheyEndedHoweverLongBeforeTheyWereCreated() {
        SteppedClock clock = SteppedClock.running(Instant.parse("2026-06-01T12:00:00Z"));
        try (TestHub hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0), b -> b.clock(clock))) {
            hub.project("p");
            var api = hub.client();
            Task old = api.createTask(NewTask.of("created long before", "p").withBackend(Backend.SHELL));
            clock.set(Instant.parse("2026-06-05T21:30:00Z"));
            api.cancelTask(old.id());
            Task sameDay = api.createTask(NewTask.of("created that day", "p").withBackend(Backend.SHELL));
            api.cancelTask(sameDay.id());
            clock.set(Instant.parse("2026-06-05T22:30:00Z"));
            Task nextDayInParis = api.createTask(NewTask.of("ends after midnight in Paris", "p").withBackend(Backend.SHELL));
            api.cancelTask(nextDayInParis.id());
            api.createTask(NewTask.of("still pending", "p").withBackend(Backend.SHELL));

            Http http = new Http(hub.url());
            assertThat(ids(http.get("/tasks?finished_on=2026-06-05&tz=UTC").json()))
                    .containsExactly(nextDayInParis.id(), sameDay.id(), old.id());
            assertThat(ids(http.get("/tasks?finished_on=2026-06-05&tz=Europe/Paris").json()))
                    .containsExactly(sameDay.id(), old.id());
            assertThat(ids(http.get("/tasks?finished_on=2026-06-06&tz=%2B02:00").json()))
                    .containsExactly(nextDayInParis.id());
            assertThat(api.listTasks(TaskQuery.all().withFinished(Instant.parse("2026-06-05T22:00:00Z"), null)).tasks())
                    .extracting(Task::id).containsExactly(nextDayInParis.id());

            assertThat(http.get("/tasks?finished_on=5+June").status()).isEqualTo(400);
            assertThat(http.get("/tasks?finished_on=5+June").error()).contains("finished_on", "2026-01-31");
            assertThat(http.get("/tasks?finished_on=2026-06-05&tz=Mars/Olympus").error()).contains("tz");
            assertThat(http.get("/tasks?finished_on=2026-06-05&finished_from=2026-06-01T00:00:00Z").status())
                    .isEqualTo(400);
            assertThat(http.get("/tasks?finished_to=soon").status()).isEqualTo(400);
            assertThat(http.get("/tasks?tz=UTC").error()).contains("tz goes with finished_on");
        }
    }

    @Test
    void theNewestBatchesComeWithTheirTasksAndEdgesInOneCall() {
        try (TestHub hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0))) {
            hub.project("p");
            var api = hub.client();
            List<Long> made = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                made.add(api.createBatch(new NewBatch("batch " + i, List.of(
                        NewBatch.Entry.of("build", "make " + i, "p"),
                        NewBatch.Entry.of("test", "make test " + i, "p", "build")))).id());
            }
            List<BatchStatus> listed = api.batches(2);
            assertThat(listed).extracting(BatchStatus::id).containsExactly(made.get(2), made.get(1));
            BatchStatus newest = listed.getFirst();
            assertThat(newest.name()).isEqualTo("batch 2");
            assertThat(newest.total()).isEqualTo(2);
            assertThat(newest.counts()).containsEntry(TaskStatus.PENDING, 1).containsEntry(TaskStatus.BLOCKED, 1);
            assertThat(newest.tasks()).extracting(Task::description).containsExactly("make 2", "make test 2");
            assertThat(newest.tasks().get(1).dependsOn()).containsExactly(newest.tasks().get(0).id());
            assertThat(newest).isEqualTo(api.batch(newest.id()));

            Http http = new Http(hub.url());
            assertThat(http.get("/batches").json()).hasSize(3);
            assertThat(http.get("/batches?limit=0").status()).isEqualTo(400);
            assertThat(http.get("/batches?limit=0").error()).contains("limit must be between 1 and 100");
            assertThat(http.get("/batches?limit=many").status()).isEqualTo(400);
        }
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> out = new ArrayList<>();
        page.get("tasks").forEach(t -> out.add(t.get("id").asLong()));
        return out;
    }
}
