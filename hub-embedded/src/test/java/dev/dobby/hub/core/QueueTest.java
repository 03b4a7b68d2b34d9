package dev.dobby.hub.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.FakeWorker;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Assignment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queue order and concurrency limits, seen by workers claiming through the real dispatch path. */
class QueueTest {
    @TempDir
    Path home;

    private static TestHub withoutLocalWorker(Path home) {
        return TestHub.start(home, c -> c.withMaxConcurrentAgents(0));
    }

    private static Task add(TestHub hub, String project, Priority priority) {
        return hub.api().createTask(NewTask.of("echo " + priority, project).withBackend(Backend.SHELL)
                .withPriority(priority));
    }

    @Test
    void urgentBeforeHighBeforeNormalBeforeLowThenOldestFirst() {
        try (TestHub hub = withoutLocalWorker(home)) {
            for (String p : List.of("a", "b", "c", "d", "e", "f")) {
                hub.project(p);
            }
            Task low = add(hub, "a", Priority.LOW);
            Task normal1 = add(hub, "b", Priority.NORMAL);
            Task high = add(hub, "c", Priority.HIGH);
            Task normal2 = add(hub, "d", Priority.NORMAL);
            Task urgent = add(hub, "e", Priority.URGENT);
            Task high2 = add(hub, "f", Priority.HIGH);

            FakeWorker worker = new FakeWorker(hub.hub().work(), "w", List.of(Backend.SHELL), List.of(), 6);
            List<Long> order = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                order.add(worker.take().taskId());
            }
            assertThat(order).containsExactly(urgent.id(), high.id(), high2.id(), normal1.id(), normal2.id(), low.id());
        }
    }

    @Test
    void oneTaskPerProjectByDefaultAndThePolicyRaisesIt() {
        try (TestHub hub = withoutLocalWorker(home)) {
            hub.project("solo");
            hub.project("wide");
            hub.api().updateProject("wide", new ProjectPolicy(null, null, 2, null, null));
            Task solo1 = add(hub, "solo", Priority.URGENT);
            Task solo2 = add(hub, "solo", Priority.URGENT);
            Task wide1 = add(hub, "wide", Priority.NORMAL);
            Task wide2 = add(hub, "wide", Priority.NORMAL);
            Task wide3 = add(hub, "wide", Priority.NORMAL);

            FakeWorker worker = new FakeWorker(hub.hub().work(), "w", List.of(Backend.SHELL), List.of(), 10);
            Assignment first = worker.take();
            List<Long> running = new ArrayList<>(List.of(first.taskId(), worker.take().taskId(), worker.take().taskId()));
            assertThat(first.taskId()).isEqualTo(solo1.id());
            assertThat(running).containsExactly(solo1.id(), wide1.id(), wide2.id());
            assertThat(worker.poll(Duration.ofMillis(300))).as("both projects are at their limit").isEmpty();
            assertThat(hub.api().detailStatus(solo2.id()).waitingReason())
                    .isEqualTo("project solo already runs 1 of its 1 allowed task(s)");

            worker.finish(first, TaskStatus.COMPLETED, 0, "done");
            assertThat(worker.take().taskId()).as("the freed slot goes to the same project's next task").isEqualTo(solo2.id());
            assertThat(hub.api().getTask(wide3.id()).status()).isEqualTo(TaskStatus.PENDING);
        }
    }

    @Test
    void theLocalWorkerRunsAtMostMaxConcurrentAgentsAtOnce() {
        try (TestHub hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(2))) {
            List<Task> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                hub.project("p" + i);
                tasks.add(hub.shell("p" + i, "sleep 30"));
            }
            Await.until(() -> count(hub, TaskStatus.RUNNING) == 2, Duration.ofSeconds(10), "two tasks running");
            // Give the dispatcher every chance to overshoot before looking again.
            for (int i = 0; i < 5; i++) {
                hub.hub().tick();
                assertThat(count(hub, TaskStatus.RUNNING)).isEqualTo(2);
            }
            hub.api().cancelTask(runningIds(hub).getFirst());
            Await.until(() -> count(hub, TaskStatus.RUNNING) == 2 && count(hub, TaskStatus.PENDING) == 1,
                    Duration.ofSeconds(10), "the freed slot taken by a pending task");
            tasks.forEach(t -> {
                if (!hub.api().getTask(t.id()).status().isTerminal()) {
                    hub.api().cancelTask(t.id());
                }
            });
        }
    }

    @Test
    void aWorkerOnlyGetsBackendsItCanRunAndTasksMeantForIt() {
        try (TestHub hub = withoutLocalWorker(home)) {
            hub.project("p");
            hub.project("q");
            Task claude = hub.api().createTask(NewTask.of("write docs", "p").withBackend(Backend.CLAUDE));
            Task gpu = hub.api().createTask(NewTask.of("nvidia-smi", "q").withBackend(Backend.SHELL)
                    .withTarget(null, List.of("gpu")));
            FakeWorker laptop = new FakeWorker(hub.hub().work(), "laptop", List.of(Backend.SHELL), List.of(), 2);
            assertThat(laptop.poll(Duration.ofMillis(300))).isEmpty();
            assertThat(hub.api().detailStatus(claude.id()).waitingReason())
                    .isEqualTo("no online worker can run claude tasks");
            assertThat(hub.api().detailStatus(gpu.id()).waitingReason())
                    .isEqualTo("no online worker with tags gpu can run shell tasks");
            FakeWorker node = new FakeWorker(hub.hub().work(), "node", List.of(Backend.SHELL, Backend.CLAUDE),
                    List.of("gpu", "linux"), 2);
            List<Long> taken = List.of(node.take().taskId(), node.take().taskId());
            assertThat(taken).containsExactlyInAnyOrder(claude.id(), gpu.id());
        }
    }

    private static long count(TestHub hub, TaskStatus status) {
        return hub.api().listTasks(TaskQuery.all().withStatuses(List.of(status))).total();
    }

    private static List<Long> runningIds(TestHub hub) {
        return hub.api().listTasks(TaskQuery.all().withStatuses(List.of(TaskStatus.RUNNING))).tasks().stream()
                .map(Task::id).toList();
    }
}
