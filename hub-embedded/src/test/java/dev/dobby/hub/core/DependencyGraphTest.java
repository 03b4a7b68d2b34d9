package dev.dobby.hub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.hub.testing.FakeWorker;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Assignment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thousand tasks in a random dependency graph, run by a test-driven worker that fails some of them, with a few
 * cancelled by hand and some failures retried with --cascade: at every rest point each task is where the rules put
 * it. A task runs only after all its parents completed; a task with a parent that did not complete is blocked and
 * its reason names the parents it waits for and the ones that ended without completing.
 */
class DependencyGraphTest {
    private static final int TASKS = 1_000;

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

    @Test
    void everyChildIsReleasedOrBlockedExactlyAsTheRulesSay() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            List<Long> parents = new ArrayList<>();
            int count = ids.isEmpty() ? 0 : random.nextInt(4);
            for (int k = 0; k < count; k++) {
                // Mostly recent parents, so chains grow long; sometimes any earlier task.
                int back = random.nextBoolean() ? 1 + random.nextInt(Math.min(20, ids.size()))
                        : 1 + random.nextInt(ids.size());
                parents.add(ids.get(ids.size() - back));
            }
            Task task = hub.api().createTask(NewTask.of("task " + i, random.nextBoolean() ? "p" : "q")
                    .withBackend(Backend.SHELL).withDependsOn(parents));
            ids.add(task.id());
        }
        String context = "seed " + seed;

        Set<Long> cancelledByHand = new HashSet<>();
        int runs = drain(random, 0.12, context);
        List<Task> blocked = all().stream().filter(t -> t.status() == TaskStatus.BLOCKED).toList();
        for (int i = 0; i < Math.min(5, blocked.size()); i++) {
            Task victim = blocked.get(random.nextInt(blocked.size()));
            if (cancelledByHand.add(victim.id())) {
                hub.api().cancelTask(victim.id());
            }
        }
        checkRules(cancelledByHand, context);
        assertThat(runs).as(context).isGreaterThan(50);
        assertThat(all()).as("some tasks failed and hold their descendants, " + context)
                .anyMatch(t -> t.status() == TaskStatus.BLOCKED);

        List<Task> failed = all().stream()
                .filter(t -> t.status() == TaskStatus.FAILED || t.status() == TaskStatus.TIMED_OUT).toList();
        for (Task task : failed) {
            if (random.nextInt(3) > 0) {
                hub.api().retryTask(task.id(), true);
            }
        }
        // A cascade may have re-opened a task cancelled by hand; it then follows the rules like any other.
        all().stream().filter(t -> t.status() != TaskStatus.CANCELLED).forEach(t -> cancelledByHand.remove(t.id()));
        drain(random, 0.05, context);
        checkRules(cancelledByHand, context);
    }

    /** Run whatever can run, failing a share of the attempts, until nothing is left to run. */
    private int drain(Random random, double failureShare, String context) {
        int runs = 0;
        while (true) {
            Optional<Assignment> next = worker.poll(Duration.ofMillis(300));
            if (next.isEmpty()) {
                return runs;
            }
            double roll = random.nextDouble();
            TaskStatus outcome = roll < failureShare * 0.7 ? TaskStatus.FAILED
                    : roll < failureShare ? TaskStatus.TIMED_OUT : TaskStatus.COMPLETED;
            worker.finish(next.get(), outcome, outcome == TaskStatus.COMPLETED ? 0 : 1, "ran");
            runs++;
            assertThat(runs).as("more runs than tasks can need, " + context).isLessThan(TASKS * 3);
        }
    }

    private List<Task> all() {
        List<Task> tasks = hub.api().listTasks(TaskQuery.all().withPage(TaskQuery.MAX_LIMIT, 0)).tasks();
        assertThat(tasks).hasSize(TASKS);
        return tasks;
    }

    private void checkRules(Set<Long> cancelledByHand, String context) {
        Map<Long, Task> byId = new HashMap<>();
        all().forEach(t -> byId.put(t.id(), t));
        for (Task task : byId.values()) {
            List<Task> parents = task.dependsOn().stream().map(byId::get).toList();
            boolean released = parents.stream().allMatch(p -> p.status() == TaskStatus.COMPLETED);
            String where = "task " + task.id() + " (" + task.status().wire() + ", parents "
                    + parents.stream().map(p -> p.id() + "=" + p.status().wire()).toList() + "), " + context;
            assertThat(task.status()).as(where).isNotIn(TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.DRAFT);
            if (task.status() == TaskStatus.BLOCKED) {
                assertThat(released).as("a blocked task has a parent that did not complete: " + where).isFalse();
                assertThat(task.statusReason()).as(where).isEqualTo(expectedReason(parents));
            } else if (!cancelledByHand.contains(task.id())) {
                assertThat(released).as("a task ran only after all its parents completed: " + where).isTrue();
                assertThat(task.attempts()).as(where).isPositive();
            }
        }
    }

    /** The reason a blocked task gives, written out from the rules rather than taken from the hub's code. */
    private static String expectedReason(List<Task> parents) {
        List<Task> open = parents.stream().filter(p -> p.status() != TaskStatus.COMPLETED)
                .sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
        String reason = "waiting for " + open.stream().map(p -> "#" + p.id()).collect(Collectors.joining(", "))
                + " to complete";
        List<Task> ended = open.stream().filter(p -> p.status().isTerminal()).toList();
        if (!ended.isEmpty()) {
            reason += "; " + ended.stream().map(p -> "#" + p.id() + " " + p.status().wire())
                    .collect(Collectors.joining(", ")) + ": retry " + (ended.size() == 1 ? "it" : "them")
                    + " or cancel this task";
        }
        return reason;
    }

    @Test
    void aDependencyCycleIsRefusedWhereverOneCouldArise() {
        long before = hub.api().listTasks(TaskQuery.all()).total();
        assertThatThrownBy(() -> hub.api().createBatch(new NewBatch(null, List.of(
                NewBatch.Entry.of("a", "one", "p", "a")))))
                .hasMessage("batch dependencies form a cycle: a -> a");
        assertThatThrownBy(() -> hub.api().createBatch(new NewBatch(null, List.of(
                NewBatch.Entry.of("a", "one", "p", "c"),
                NewBatch.Entry.of("b", "two", "p", "a"),
                NewBatch.Entry.of("c", "three", "p", "b"),
                NewBatch.Entry.of("d", "four", "p")))))
                .hasMessageContaining("batch dependencies form a cycle: ")
                .hasMessageContaining("a").hasMessageContaining("b").hasMessageContaining("c");
        assertThat(hub.api().listTasks(TaskQuery.all()).total()).isEqualTo(before);

        // Outside a batch a new task can only wait for tasks that exist, which cannot wait for it: no cycle can
        // form, and a task id that does not exist yet is refused.
        Task first = hub.shell("p", "echo 1");
        assertThatThrownBy(() -> hub.api().createTask(NewTask.of("x", "p").withDependsOn(List.of(first.id() + 1))))
                .hasMessageContaining("depends_on names unknown task(s): [" + (first.id() + 1) + "]");
        assertThat(new TreeSet<>(hub.api().listTasks(TaskQuery.all()).tasks().stream().map(Task::id).toList()))
                .containsExactly(first.id());
    }
}
