package dev.dobby.hub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.hub.testing.FakeWorker;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPatch;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Assignment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drafts, dependencies, retries and batches, with a test-driven worker deciding every outcome. */
class WorkflowTest {
    @TempDir
    Path home;
    TestHub hub;
    FakeWorker worker;

    @BeforeEach
    void start() {
        hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0));
        hub.project("p");
        hub.project("q");
        worker = new FakeWorker(hub.hub().work(), "w", List.of(Backend.SHELL), List.of(), 10);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private Task add(String description, Long... parents) {
        return hub.api().createTask(NewTask.of(description, "p").withBackend(Backend.SHELL)
                .withDependsOn(List.of(parents)));
    }

    private TaskStatus status(Task task) {
        return hub.api().getTask(task.id()).status();
    }

    private void run(Task task, TaskStatus outcome) {
        Assignment assignment = worker.poll(Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError(
                "no task to run; tasks: " + hub.api().listTasks(TaskQuery.all()).tasks()));
        assertThat(assignment.taskId()).isEqualTo(task.id());
        worker.finish(assignment, outcome, outcome == TaskStatus.COMPLETED ? 0 : 1, "done");
    }

    @Test
    void aChildWaitsForAllItsParents() {
        Task a = add("a");
        Task b = hub.api().createTask(NewTask.of("b", "q").withBackend(Backend.SHELL));
        Task child = add("child", a.id(), b.id());
        assertThat(child.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(child.statusReason()).isEqualTo("waiting for #" + a.id() + ", #" + b.id() + " to complete");

        Assignment first = worker.take();
        Assignment second = worker.take();
        worker.finish(first, TaskStatus.COMPLETED, 0, "ok");
        assertThat(status(child)).isEqualTo(TaskStatus.BLOCKED);
        worker.finish(second, TaskStatus.COMPLETED, 0, "ok");
        assertThat(status(child)).isEqualTo(TaskStatus.PENDING);
        assertThat(worker.take().taskId()).isEqualTo(child.id());
    }

    @Test
    void aCascadeThatReopensACancelledParentLateStillLeavesItsChildTheRightReason() {
        Task root = add("root");
        Task middle = add("middle", root.id());
        Task deep = add("deep", middle.id());
        // The cascade reaches `last` straight from the root, before it re-opens `deep`, its other parent.
        Task last = add("last", root.id(), deep.id());
        run(root, TaskStatus.FAILED);
        hub.api().cancelTask(deep.id());
        assertThat(hub.api().getTask(last.id()).statusReason()).contains("#" + deep.id() + " cancelled");

        hub.api().retryTask(root.id(), true);
        assertThat(status(deep)).isEqualTo(TaskStatus.BLOCKED);
        assertThat(hub.api().getTask(last.id()).statusReason())
                .isEqualTo("waiting for #" + root.id() + ", #" + deep.id() + " to complete");
    }

    @Test
    void aFailedParentKeepsItsChildrenBlockedUntilACascadingRetry() {
        Task parent = add("parent");
        Task child = add("child", parent.id());
        Task grandchild = add("grandchild", child.id());
        run(parent, TaskStatus.FAILED);

        Task held = hub.api().getTask(child.id());
        assertThat(held.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(held.statusReason())
                .isEqualTo("waiting for #" + parent.id() + " to complete; #" + parent.id() + " failed: retry it or cancel this task");
        assertThat(worker.poll(Duration.ofMillis(200))).isEmpty();

        Task retried = hub.api().retryTask(parent.id(), true);
        assertThat(retried.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(hub.api().getTask(child.id()).statusReason()).isEqualTo("waiting for #" + parent.id() + " to complete");
        run(parent, TaskStatus.COMPLETED);
        run(child, TaskStatus.COMPLETED);
        run(grandchild, TaskStatus.COMPLETED);
        assertThat(hub.api().getTask(parent.id()).attempts()).isEqualTo(2);
    }

    @Test
    void plainRetryTouchesOneTaskAndCascadeReopensEndedDescendants() {
        Task parent = add("parent");
        Task child = add("child", parent.id());
        run(parent, TaskStatus.FAILED);
        hub.api().cancelTask(child.id());

        hub.api().retryTask(parent.id(), false);
        assertThat(status(child)).isEqualTo(TaskStatus.CANCELLED);
        run(parent, TaskStatus.FAILED);

        hub.api().retryTask(parent.id(), true);
        assertThat(status(child)).as("cascade re-opens the cancelled child").isEqualTo(TaskStatus.BLOCKED);
        run(parent, TaskStatus.COMPLETED);
        run(child, TaskStatus.COMPLETED);
    }

    @Test
    void onlyEndedUnsuccessfulTasksCanBeRetried() {
        Task done = add("done");
        run(done, TaskStatus.COMPLETED);
        assertThatThrownBy(() -> hub.api().retryTask(done.id(), false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("only failed, cancelled, timed_out or stale tasks can be retried");
        Task waiting = add("waiting");
        assertThatThrownBy(() -> hub.api().retryTask(waiting.id(), false)).isInstanceOf(ApiException.class);
    }

    @Test
    void aDraftRunsOnlyOnceApproved() {
        Task draft = hub.api().createTask(NewTask.of("risky", "p").withBackend(Backend.SHELL).withDraft(true));
        assertThat(draft.status()).isEqualTo(TaskStatus.DRAFT);
        assertThat(worker.poll(Duration.ofMillis(200))).isEmpty();
        Task edited = hub.api().updateTask(draft.id(), new TaskPatch(null, null, "less risky", null, 120));
        assertThat(edited.description()).isEqualTo("less risky");
        assertThat(edited.timeout()).isEqualTo(120);
        Task approved = hub.api().updateTask(draft.id(), TaskPatch.approve());
        assertThat(approved.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(worker.take().description()).isEqualTo("less risky");
        assertThatThrownBy(() -> hub.api().updateTask(draft.id(), new TaskPatch(null, null, "changed", null, null)))
                .hasMessageContaining("can only change before it runs");
    }

    @Test
    void aBatchQueuesEverythingInOrderWithReferencesBetweenEntries() {
        Task existing = add("existing");
        BatchStatus batch = hub.api().createBatch(new NewBatch("release", List.of(
                shell(NewBatch.Entry.of("docs", "write docs", "p", "build")),
                shell(NewBatch.Entry.of("build", "build it", "q", String.valueOf(existing.id()))),
                shell(NewBatch.Entry.of(null, "announce", "q", "docs", "build")))));
        assertThat(batch.total()).isEqualTo(3);
        assertThat(batch.name()).isEqualTo("release");
        assertThat(batch.tasks()).extracting(Task::description).containsExactly("build it", "write docs", "announce");
        assertThat(batch.tasks()).allMatch(t -> t.status() == TaskStatus.BLOCKED);
        assertThat(batch.tasks().get(2).dependsOn()).hasSize(2);

        run(existing, TaskStatus.COMPLETED);
        run(batch.tasks().get(0), TaskStatus.COMPLETED);
        run(batch.tasks().get(1), TaskStatus.COMPLETED);
        run(batch.tasks().get(2), TaskStatus.COMPLETED);
        BatchStatus finished = hub.api().batch(batch.id());
        assertThat(finished.progress()).isEqualTo(1.0);
        assertThat(finished.counts()).containsEntry(TaskStatus.COMPLETED, 3);
    }

    private static NewBatch.Entry shell(NewBatch.Entry e) {
        return new NewBatch.Entry(e.ref(), e.description(), e.project(), e.priority(), Backend.SHELL, e.timeout(),
                e.after(), e.targetSpoke(), e.targetTags(), e.worktree());
    }

    @Test
    void aBadBatchQueuesNothing() {
        long before = hub.api().listTasks(TaskQuery.all()).total();
        assertThatThrownBy(() -> hub.api().createBatch(new NewBatch(null, List.of(
                NewBatch.Entry.of("a", "one", "p", "b"),
                NewBatch.Entry.of("b", "two", "p", "a")))))
                .hasMessage("batch dependencies form a cycle: a -> b -> a");
        assertThatThrownBy(() -> hub.api().createBatch(new NewBatch(null, List.of(
                NewBatch.Entry.of("a", "one", "p"),
                NewBatch.Entry.of("b", "two", "nowhere")))))
                .hasMessageContaining("batch task 'b': project 'nowhere' is not registered");
        assertThatThrownBy(() -> hub.api().createBatch(new NewBatch(null, List.of(
                NewBatch.Entry.of("a", "one", "p", "ghost")))))
                .hasMessageContaining("waits for 'ghost', which is neither a ref in this batch nor a task id");
        assertThat(hub.api().listTasks(TaskQuery.all()).total()).isEqualTo(before);
    }
}
