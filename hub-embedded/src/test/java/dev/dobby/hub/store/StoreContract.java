package dev.dobby.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskCreated;
import dev.dobby.protocol.event.TaskLog;
import dev.dobby.protocol.work.OutputLine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Store} must do. Each implementation runs it by extending this class.
 */
public abstract class StoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    protected Path dir;

    protected final List<HubEvent> published = new CopyOnWriteArrayList<>();
    protected Store store;

    /** Open the store kept under {@code dir}; opening again must find what was written before. */
    protected abstract Store open(Path dir, java.util.function.Consumer<List<HubEvent>> publisher);

    @BeforeEach
    void openStore() {
        store = open(dir, published::addAll);
        store.write(tx -> {
            tx.insertProject(new Project("alpha", "/tmp/alpha", "ctx", ProjectPolicy.DEFAULT, T0), T0);
            tx.insertProject(new Project("beta", "/tmp/beta", null,
                    new ProjectPolicy(null, null, 2, null, null), T0), T0);
            return null;
        });
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected long insert(String project, Priority priority, Backend backend) {
        return store.write(tx -> tx.insertTask(new TaskInsert("do " + project, project, backend, priority,
                TaskStatus.PENDING, null, 60, null, null, List.of(), false, AgentOptions.NONE, null, T0)));
    }

    protected Optional<Claimed> claim(String worker, List<Backend> backends, List<String> tags) {
        return store.write(tx -> tx.claimNext(new ClaimSpec(worker, backends, tags, "token-" + worker, T0,
                T0.plusSeconds(30))));
    }

    @Test
    void aTaskReadsBackAsWritten() {
        AgentOptions agent = new AgentOptions("opus", "plan", false, List.of("Read"), List.of(), 5, null, null, null,
                null, null);
        long parent = insert("alpha", Priority.NORMAL, Backend.SHELL);
        long id = store.write(tx -> {
            long t = tx.insertTask(new TaskInsert("write tests", "alpha", Backend.CLAUDE, Priority.HIGH,
                    TaskStatus.BLOCKED, "waiting", 900, null, "gpu-1", List.of("gpu", "linux"), true, agent, null, T0));
            tx.insertDependencies(t, List.of(parent));
            return t;
        });
        Task task = store.read(tx -> tx.task(id)).orElseThrow();
        assertThat(task.description()).isEqualTo("write tests");
        assertThat(task.backend()).isEqualTo(Backend.CLAUDE);
        assertThat(task.priority()).isEqualTo(Priority.HIGH);
        assertThat(task.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(task.statusReason()).isEqualTo("waiting");
        assertThat(task.timeout()).isEqualTo(900);
        assertThat(task.dependsOn()).containsExactly(parent);
        assertThat(task.targetSpoke()).isEqualTo("gpu-1");
        assertThat(task.targetTags()).containsExactly("gpu", "linux");
        assertThat(task.worktree()).isTrue();
        assertThat(task.agent()).isEqualTo(agent);
        assertThat(task.createdAt()).isEqualTo(T0);
        List<Long> children = store.read(tx -> tx.children(parent));
        assertThat(children).containsExactly(id);
    }

    @Test
    void claimsTakeTheHighestPriorityThenTheOldest() {
        long low = insert("alpha", Priority.LOW, Backend.SHELL);
        long normalOld = insert("beta", Priority.NORMAL, Backend.SHELL);
        long urgent = insert("alpha", Priority.URGENT, Backend.SHELL);
        long normalNew = insert("beta", Priority.NORMAL, Backend.SHELL);

        List<Long> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Claimed claimed = claim("w" + i, List.of(Backend.SHELL), List.of()).orElseThrow();
            order.add(claimed.task().id());
            store.write(tx -> tx.updateStatus(claimed.task().id(), TaskStatus.RUNNING, TaskStatus.COMPLETED, null, T0));
        }
        assertThat(order).containsExactly(urgent, normalOld, normalNew, low);
    }

    @Test
    void aProjectRunsNoMoreThanItsPolicyAllows() {
        insert("alpha", Priority.NORMAL, Backend.SHELL);
        insert("alpha", Priority.NORMAL, Backend.SHELL);
        insert("beta", Priority.NORMAL, Backend.SHELL);
        insert("beta", Priority.NORMAL, Backend.SHELL);
        insert("beta", Priority.NORMAL, Backend.SHELL);

        List<String> projects = new ArrayList<>();
        Optional<Claimed> next;
        while ((next = claim("w", List.of(Backend.SHELL), List.of())).isPresent()) {
            projects.add(next.get().task().project());
        }
        // alpha allows 1 at a time (the default), beta 2.
        assertThat(projects).containsExactlyInAnyOrder("alpha", "beta", "beta");
        java.util.Map<String, Integer> running = store.read(ReadTx::runningByProject);
        assertThat(running).containsEntry("alpha", 1).containsEntry("beta", 2);
    }

    @Test
    void aClaimCreatesAnAttemptWithTheFencingToken() {
        long id = insert("alpha", Priority.NORMAL, Backend.SHELL);
        Claimed claimed = claim("w1", List.of(Backend.SHELL), List.of()).orElseThrow();
        assertThat(claimed.task().id()).isEqualTo(id);
        assertThat(claimed.task().status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(claimed.task().attempts()).isEqualTo(1);
        assertThat(claimed.task().worker()).isEqualTo("w1");
        assertThat(claimed.attempt().number()).isEqualTo(1);
        assertThat(claimed.attempt().token()).isEqualTo("token-w1");
        assertThat(claimed.attempt().state()).isEqualTo(AttemptRecord.State.RUNNING);
        assertThat(claimed.attempt().leaseUntil()).isEqualTo(T0.plusSeconds(30));
        assertThat(claim("w2", List.of(Backend.SHELL), List.of())).isEmpty();
    }

    @Test
    void claimsHonourBackendsTargetsAndTags() {
        long claude = insert("alpha", Priority.URGENT, Backend.CLAUDE);
        long targeted = store.write(tx -> tx.insertTask(new TaskInsert("gpu job", "beta", Backend.SHELL,
                Priority.URGENT, TaskStatus.PENDING, null, 60, null, "gpu-1", List.of(), false, AgentOptions.NONE, null, T0)));
        long tagged = store.write(tx -> tx.insertTask(new TaskInsert("tagged", "beta", Backend.SHELL,
                Priority.HIGH, TaskStatus.PENDING, null, 60, null, null, List.of("gpu"), false, AgentOptions.NONE, null, T0)));
        long plain = insert("beta", Priority.LOW, Backend.SHELL);

        assertThat(claim("laptop", List.of(Backend.SHELL), List.of()).map(c -> c.task().id())).contains(plain);
        assertThat(claim("laptop", List.of(Backend.SHELL), List.of("cpu"))).isEmpty();
        assertThat(claim("gpu-2", List.of(Backend.SHELL), List.of("gpu", "cuda")).map(c -> c.task().id())).contains(tagged);
        assertThat(claim("gpu-1", List.of(Backend.SHELL), List.of()).map(c -> c.task().id())).isEmpty()
                .as("beta is at its limit of 2");
        assertThat(claim("mac", List.of(Backend.CLAUDE), List.of()).map(c -> c.task().id())).contains(claude);
        Task stillPending = store.read(tx -> tx.task(targeted)).orElseThrow();
        assertThat(stillPending.status()).isEqualTo(TaskStatus.PENDING);
        java.util.Set<String> targets = store.read(ReadTx::pendingTargets);
        assertThat(targets).containsExactly("gpu-1");
    }

    @Test
    void aRetryDelayHoldsATaskBack() {
        long id = insert("alpha", Priority.NORMAL, Backend.SHELL);
        store.write(tx -> {
            tx.setNotBefore(id, T0.plusSeconds(60));
            return null;
        });
        assertThat(claim("w", List.of(Backend.SHELL), List.of())).isEmpty();
        Optional<Claimed> later = store.write(tx -> tx.claimNext(new ClaimSpec("w", List.of(Backend.SHELL), List.of(),
                "t", T0.plusSeconds(61), T0.plusSeconds(91))));
        assertThat(later.map(c -> c.task().id())).contains(id);
    }

    @Test
    void statusChangesAreConditionalOnTheStatusSeen() {
        long id = insert("alpha", Priority.NORMAL, Backend.SHELL);
        boolean fromWrongStatus = store.write(tx -> tx.updateStatus(id, TaskStatus.BLOCKED, TaskStatus.PENDING, null, T0));
        boolean fromRightStatus = store.write(tx -> tx.updateStatus(id, TaskStatus.PENDING, TaskStatus.CANCELLED, "no", T0));
        assertThat(fromWrongStatus).isFalse();
        assertThat(fromRightStatus).isTrue();
        Task task = store.read(tx -> tx.task(id)).orElseThrow();
        assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(task.finishedAt()).isEqualTo(T0);
    }

    @Test
    void aFailingWriteChangesNothingAndPublishesNothingWhileItsNeighboursCommit() {
        CompletableFuture<Long> before = store.submit(tx -> tx.insertTask(draft("first")));
        CompletableFuture<Object> failing = store.submit(tx -> {
            tx.insertTask(draft("doomed"));
            tx.record(new TaskLog(0, T0, 99, List.of()));
            throw new IllegalStateException("boom");
        });
        CompletableFuture<HubEvent> after = store.submit(tx -> tx.record(new TaskLog(0, T0, 1, List.of())));
        assertThat(before.join()).isPositive();
        assertThatThrownBy(failing::join).cause().isInstanceOf(IllegalStateException.class).hasMessage("boom");
        HubEvent recorded = after.join();
        List<String> descriptions = store.read(tx -> tx.findTasks(TaskQuery.all())).tasks().stream()
                .map(Task::description).toList();
        assertThat(descriptions).containsExactly("first");
        assertThat(published).containsExactly(recorded);
    }

    private dev.dobby.protocol.TaskPage find(TaskQuery query) {
        return store.read(tx -> tx.findTasks(query));
    }

    private static TaskInsert draft(String description) {
        return new TaskInsert(description, "alpha", Backend.SHELL, Priority.NORMAL, TaskStatus.PENDING, null, 60,
                null, null, List.of(), false, AgentOptions.NONE, null, T0);
    }

    @Test
    void eventsAndLogLinesShareOneSequenceThatSurvivesReopening() {
        long id = insert("alpha", Priority.NORMAL, Backend.SHELL);
        HubEvent first = store.write(tx -> tx.record(new TaskLog(0, T0, id, List.of())));
        List<LogLine> lines = store.write(tx -> tx.appendLogs(id, 1, List.of(
                new OutputLine("stdout", T0, "one"), new OutputLine("stderr", T0, "two"))));
        HubEvent second = store.write(tx -> tx.record(new TaskLog(0, T0, id, List.of())));
        assertThat(lines).extracting(LogLine::seq).containsExactly(first.seq() + 1, first.seq() + 2);
        assertThat(second.seq()).isEqualTo(first.seq() + 3);

        store.close();
        store = open(dir, published::addAll);
        HubEvent afterReopen = store.write(tx -> tx.record(new TaskLog(0, T0, id, List.of())));
        assertThat(afterReopen.seq()).isEqualTo(second.seq() + 1);
        assertThat(store.read(ReadTx::lastSeq)).isEqualTo(afterReopen.seq());
    }

    @Test
    void storedEventsReplayInOrderWithLogLinesInTheirPlace() {
        long id = insert("alpha", Priority.NORMAL, Backend.SHELL);
        HubEvent a = store.write(tx -> tx.record(new TaskLog(0, T0, id, List.of())));
        store.write(tx -> tx.appendLogs(id, 1, List.of(new OutputLine("stdout", T0, "x"), new OutputLine("stdout", T0, "y"))));
        HubEvent b = store.write(tx -> tx.record(new TaskLog(0, T0, id, List.of())));

        List<HubEvent> withLogs = store.read(tx -> tx.events(0, id, true, 100));
        assertThat(withLogs).extracting(HubEvent::seq).containsExactly(a.seq(), a.seq() + 2, b.seq());
        assertThat(((TaskLog) withLogs.get(1)).lines()).extracting(LogLine::text).containsExactly("x", "y");
        List<HubEvent> withoutLogs = store.read(tx -> tx.events(a.seq(), id, false, 100));
        assertThat(withoutLogs).extracting(HubEvent::seq).containsExactly(b.seq());
        List<HubEvent> firstOnly = store.read(tx -> tx.events(0, id, true, 1));
        assertThat(firstOnly).extracting(HubEvent::seq).containsExactly(a.seq());
    }

    @Test
    void logsPageInOrder() {
        long id = insert("alpha", Priority.NORMAL, Backend.SHELL);
        List<OutputLine> lines = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            lines.add(new OutputLine("stdout", T0, "line " + i));
        }
        store.write(tx -> tx.appendLogs(id, 1, lines));
        var first = store.read(tx -> tx.logs(id, 0, 10));
        var second = store.read(tx -> tx.logs(id, first.next(), 10));
        var third = store.read(tx -> tx.logs(id, second.next(), 10));
        assertThat(first.more()).isTrue();
        assertThat(third.more()).isFalse();
        assertThat(third.lines()).hasSize(5);
        assertThat(second.lines().getFirst().text()).isEqualTo("line 10");
        long count = store.read(tx -> tx.logLineCount(id));
        assertThat(count).isEqualTo(25);
        LogLine last = store.read(tx -> tx.lastLogLine(id)).orElseThrow();
        assertThat(last.text()).isEqualTo("line 24");
    }

    @Test
    void findsTasksByStatusProjectTextAndPage() {
        for (int i = 0; i < 12; i++) {
            insert(i % 3 == 0 ? "beta" : "alpha", Priority.NORMAL, Backend.SHELL);
        }
        long special = store.write(tx -> tx.insertTask(new TaskInsert("fix the 100% CPU_bug", "alpha", Backend.SHELL,
                Priority.NORMAL, TaskStatus.DRAFT, null, 60, null, null, List.of(), false, AgentOptions.NONE, null, T0)));
        assertThat(find(TaskQuery.all().withProject("beta")).total()).isEqualTo(4);
        var byText = find(TaskQuery.all().withText("100% cpu_"));
        assertThat(byText.total()).isEqualTo(1);
        assertThat(byText.tasks().getFirst().id()).isEqualTo(special);
        assertThat(find(TaskQuery.all().withText("%")).total()).isEqualTo(1);
        assertThat(find(TaskQuery.all().withStatuses(List.of(TaskStatus.DRAFT))).total()).isEqualTo(1);
        var page = store.read(tx -> tx.findTasks(TaskQuery.all().withPage(5, 5)));
        assertThat(page.total()).isEqualTo(13);
        assertThat(page.tasks()).hasSize(5);
        assertThat(page.tasks().getFirst().id()).isGreaterThan(page.tasks().getLast().id());
    }

    @Test
    void findsTasksByWhenTheyEndedWhenEverTheyWereCreated() {
        long old = insert("alpha", Priority.NORMAL, Backend.SHELL);
        long fresh = insert("alpha", Priority.NORMAL, Backend.SHELL);
        long later = insert("beta", Priority.NORMAL, Backend.SHELL);
        long open = insert("alpha", Priority.NORMAL, Backend.SHELL);
        Instant day = T0.plus(java.time.Duration.ofDays(5));
        store.write(tx -> {
            tx.updateStatus(old, TaskStatus.PENDING, TaskStatus.FAILED, null, day.plusSeconds(60));
            tx.updateStatus(fresh, TaskStatus.PENDING, TaskStatus.COMPLETED, null, day.plusSeconds(86_399));
            tx.updateStatus(later, TaskStatus.PENDING, TaskStatus.COMPLETED, null, day.plusSeconds(86_400));
            return null;
        });
        var ended = find(TaskQuery.all().withFinished(day, day.plus(java.time.Duration.ofDays(1))));
        assertThat(ended.tasks()).extracting(Task::id).containsExactly(fresh, old);
        assertThat(ended.total()).isEqualTo(2);
        assertThat(find(TaskQuery.all().withFinished(day.plusSeconds(86_400), null)).tasks()).extracting(Task::id)
                .containsExactly(later);
        assertThat(find(TaskQuery.all().withFinished(null, day.plusSeconds(61)).withProject("alpha")).tasks())
                .extracting(Task::id).containsExactly(old).doesNotContain(open);
    }

    @Test
    void listsTheNewestBatchesAndAllTheirTasksWithTheirParents() {
        long[] ids = store.write(tx -> {
            long first = tx.insertBatch("first", T0);
            long second = tx.insertBatch("second", T0);
            long third = tx.insertBatch(null, T0);
            long a = tx.insertTask(new TaskInsert("a", "alpha", Backend.SHELL, Priority.NORMAL, TaskStatus.PENDING, null,
                    60, second, null, List.of(), false, AgentOptions.NONE, null, T0));
            long b = tx.insertTask(new TaskInsert("b", "alpha", Backend.SHELL, Priority.NORMAL, TaskStatus.BLOCKED, null,
                    60, second, null, List.of(), false, AgentOptions.NONE, null, T0));
            tx.insertDependencies(b, List.of(a));
            long c = tx.insertTask(new TaskInsert("c", "beta", Backend.SHELL, Priority.NORMAL, TaskStatus.PENDING, null,
                    60, third, null, List.of(), false, AgentOptions.NONE, null, T0));
            tx.insertTask(new TaskInsert("d", "beta", Backend.SHELL, Priority.NORMAL, TaskStatus.PENDING, null,
                    60, first, null, List.of(), false, AgentOptions.NONE, null, T0));
            return new long[] {first, second, third, a, b, c};
        });
        List<BatchRecord> newest = store.read(tx -> tx.batches(2));
        assertThat(newest).extracting(BatchRecord::id).containsExactly(ids[2], ids[1]);
        List<Task> tasks = store.read(tx -> tx.batchTasks(List.of(ids[2], ids[1])));
        assertThat(tasks).extracting(Task::id).containsExactly(ids[3], ids[4], ids[5]);
        assertThat(tasks.get(1).dependsOn()).containsExactly(ids[3]);
        assertThat(tasks.get(2).batchId()).isEqualTo(ids[2]);
        List<Task> none = store.read(tx -> tx.batchTasks(List.of()));
        assertThat(none).isEmpty();
    }
}
