package dev.dobby.hub.core;

import dev.dobby.hub.store.AttemptRecord;
import dev.dobby.hub.store.ReadTx;
import dev.dobby.hub.store.Store;
import dev.dobby.hub.store.TaskFields;
import dev.dobby.hub.store.TaskInsert;
import dev.dobby.hub.store.WriteTx;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPatch;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.TaskCreated;
import dev.dobby.protocol.event.TaskUpdated;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Everything that creates or changes tasks on a person's request: submit, edit, approve, cancel, retry. */
public final class TaskCommands {
    private static final int MAX_RESUME_MESSAGE = 10_000;
    private final Store store;
    private final Dispatcher dispatcher;
    private final WorkService work;
    private final Clock clock;
    private final Duration defaultTimeout;

    public TaskCommands(Store store, Dispatcher dispatcher, WorkService work, Clock clock, Duration defaultTimeout) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.work = work;
        this.clock = clock;
        this.defaultTimeout = defaultTimeout;
    }

    public Task create(NewTask request) {
        if (request == null) {
            throw ApiException.badRequest("a task needs a JSON body with at least description and project");
        }
        if (request.isSchedule()) {
            throw ApiException.badRequest("a task with cron or every is a schedule: create it with createSchedule");
        }
        Task created = store.write(tx -> insert(tx, request, null, List.of()));
        dispatcher.wake();
        return created;
    }

    /** The firing of a schedule a new task is the run for. */
    public record ScheduleRun(long scheduleId, Instant scheduledFor, boolean catchUp) {
    }

    /** The fields of a request that could be checked against the store, before the policy fills in the rest. */
    record Checked(String description, Project project, Integer timeout, String target, List<String> tags,
                   Set<Long> parents, dev.dobby.protocol.AgentOptions agent, dev.dobby.protocol.GpuRequest gpus) {
    }

    /** Check {@code request} against the store: 400 for bad fields, 404 for an unknown project or parent. */
    Checked check(ReadTx tx, NewTask request) {
        String description = Validate.description(request.description());
        String projectName = Validate.name(request.project(), "project");
        Project project = tx.project(projectName).orElseThrow(() -> ApiException.notFound(
                "project '" + projectName + "' is not registered; register it first (dobby register PATH --name "
                        + projectName + ")"));
        Integer timeout = Validate.timeout(request.timeout(), "timeout");
        String target = request.targetSpoke() == null ? null : Validate.name(request.targetSpoke(), "target_spoke");
        List<String> tags = Validate.names(request.targetTags(), "target_tags");

        Set<Long> parents = new LinkedHashSet<>(request.dependsOn() == null ? List.of() : request.dependsOn());
        if (parents.stream().anyMatch(id -> id == null || id < 1)) {
            throw ApiException.badRequest("depends_on must list task ids");
        }
        List<Task> found = tx.tasks(parents);
        if (found.size() != parents.size()) {
            Set<Long> missing = new LinkedHashSet<>(parents);
            found.forEach(t -> missing.remove(t.id()));
            throw ApiException.notFound("depends_on names unknown task(s): " + missing);
        }
        return new Checked(description, project, timeout, target, tags, parents,
                Validate.costCap(Validate.agent(request.agent()), request.maxCostUsd()),
                Validate.gpus(request.gpuRequest()));
    }

    Task insert(WriteTx tx, NewTask request, Long batchId, List<Long> extraParents) {
        return insert(tx, request, batchId, extraParents, null);
    }

    /**
     * Check {@code request}, apply the project's policy, and insert it (with {@code extraParents}, tasks of the same
     * batch, which need not have been checked against the store) as draft, blocked or pending; {@code run} links it
     * to the schedule firing it belongs to, if any.
     */
    Task insert(WriteTx tx, NewTask request, Long batchId, List<Long> extraParents, ScheduleRun run) {
        Checked checked = check(tx, request);
        String projectName = checked.project().name();
        ProjectPolicy policy = checked.project().policy();
        Set<Long> parents = new LinkedHashSet<>(checked.parents());
        if (Boolean.TRUE.equals(policy.autoChain())) {
            tx.latestActiveTask(projectName).ifPresent(parents::add);
        }
        List<Task> parentTasks = new ArrayList<>(tx.tasks(parents));
        parents.addAll(extraParents);
        parentTasks.addAll(tx.tasks(extraParents));

        Instant now = clock.instant();
        Backend backend = firstNonNull(request.backend(), policy.defaultBackend(), Backend.CLAUDE);
        dev.dobby.protocol.AgentOptions agent = checked.agent();
        boolean wantsPlan = Boolean.TRUE.equals(agent.agentPlan());
        if (wantsPlan) {
            if (!Boolean.TRUE.equals(request.draft())) {
                throw ApiException.badRequest("agent_plan is for drafts (draft: true): the plan is there to be reviewed");
            }
            Planning.check(backend);
        }
        TaskStatus status;
        String reason = null;
        if (Boolean.TRUE.equals(request.draft())) {
            status = TaskStatus.DRAFT;
            reason = "draft: approve it to queue it";
        } else if (!Dependencies.allCompleted(parentTasks)) {
            status = TaskStatus.BLOCKED;
            reason = Dependencies.waitingReason(parentTasks);
        } else {
            status = TaskStatus.PENDING;
        }
        TaskInsert insert = new TaskInsert(
                checked.description(),
                projectName,
                backend,
                firstNonNull(request.priority(), policy.defaultPriority(), Priority.NORMAL),
                status,
                reason,
                firstNonNull(checked.timeout(), policy.defaultTimeout(), (int) defaultTimeout.toSeconds()),
                batchId,
                checked.target(),
                checked.tags(),
                Boolean.TRUE.equals(request.worktree()),
                agent,
                null,
                now);
        long id = tx.insertTask(insert);
        if (checked.gpus().any()) {
            tx.setGpuRequest(id, checked.gpus());
        }
        tx.insertDependencies(id, parents);
        if (run != null) {
            tx.linkScheduleRun(id, run.scheduleId(), run.scheduledFor(), run.catchUp());
        }
        Task task = tx.task(id).orElseThrow();
        tx.record(new TaskCreated(0, now, task));
        if (wantsPlan) {
            Planning.start(tx, task, now);
            task = tx.task(id).orElseThrow();
        }
        return task;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        throw new IllegalStateException("no default");
    }

    public Task update(long id, TaskPatch patch) {
        if (patch == null) {
            throw ApiException.badRequest("a PATCH needs a JSON body");
        }
        if (patch.status() != null && patch.status() != TaskStatus.PENDING) {
            throw ApiException.badRequest("status can only be set to 'pending' (to approve a draft); "
                    + "use POST /tasks/{id}/cancel or /retry for the rest");
        }
        if (patch.description() != null) {
            Validate.description(patch.description());
        }
        Validate.timeout(patch.timeout(), "timeout");
        Task updated = store.write(tx -> {
            Task task = require(tx, id);
            Instant now = clock.instant();
            boolean editsRun = patch.description() != null || patch.backend() != null || patch.timeout() != null;
            boolean waiting = task.status() == TaskStatus.DRAFT || task.status() == TaskStatus.PENDING
                    || task.status() == TaskStatus.BLOCKED;
            if (editsRun && !waiting) {
                throw ApiException.conflict("task " + id + " is " + task.status().wire()
                        + "; description, backend and timeout can only change before it runs");
            }
            if (patch.priority() != null && task.status().isTerminal()) {
                throw ApiException.conflict("task " + id + " has ended; its priority no longer matters");
            }
            if (patch.status() == TaskStatus.PENDING && task.status() != TaskStatus.DRAFT) {
                throw ApiException.conflict("task " + id + " is " + task.status().wire() + ", not a draft");
            }
            if (editsRun || patch.priority() != null) {
                tx.updateTask(id, new TaskFields(patch.description(), patch.priority(), patch.backend(), patch.timeout()), now);
                task = tx.task(id).orElseThrow();
                tx.record(new TaskUpdated(0, now, task));
            }
            if (patch.status() == TaskStatus.PENDING) {
                if (task.plan() != null) {
                    tx.setAgentOptions(id, Planning.withPlan(task), now);
                    task = tx.task(id).orElseThrow();
                }
                task = queueOrBlock(tx, task, now);
            }
            return task;
        });
        dispatcher.wake();
        return updated;
    }

    /** Move a task that may run again to pending, or to blocked while a parent has not completed. */
    private static Task queueOrBlock(WriteTx tx, Task task, Instant now) {
        List<Task> parents = tx.tasks(task.dependsOn());
        if (Dependencies.allCompleted(parents)) {
            return Transitions.move(tx, task, TaskStatus.PENDING, null, now);
        }
        return Transitions.move(tx, task, TaskStatus.BLOCKED, Dependencies.waitingReason(parents), now);
    }

    public Task cancel(long id) {
        AttemptRecord[] stopped = new AttemptRecord[1];
        Task cancelled = store.write(tx -> {
            Task task = require(tx, id);
            Instant now = clock.instant();
            if (task.status().isTerminal()) {
                throw ApiException.conflict("task " + id + " already ended as " + task.status().wire());
            }
            String reason = "cancelled on request";
            if (task.status() == TaskStatus.RUNNING) {
                AttemptRecord attempt = tx.latestAttempt(id).orElseThrow();
                stopped[0] = attempt;
                return work.ending().endByHub(tx, task, attempt, TaskStatus.CANCELLED, reason, now);
            }
            Task moved = Transitions.move(tx, task, TaskStatus.CANCELLED, reason, now);
            Dependencies.parentEnded(tx, moved, now);
            return moved;
        });
        if (stopped[0] != null) {
            work.attemptStopped(stopped[0]);
            dispatcher.wake();
        }
        return cancelled;
    }

    public Task retry(long id, boolean cascade) {
        Task retried = store.write(tx -> {
            Task task = require(tx, id);
            if (!task.status().isRetryable()) {
                throw ApiException.conflict("task " + id + " is " + task.status().wire()
                        + "; only failed, cancelled, timed_out or stale tasks can be retried");
            }
            Instant now = clock.instant();
            Task queued = queueOrBlock(tx, task, now);
            if (cascade) {
                reopenDescendants(tx, queued, now);
            } else {
                // The children it holds stay blocked, but no longer because it failed: say what they wait for now.
                Dependencies.parentEnded(tx, queued, now);
            }
            return queued;
        });
        dispatcher.wake();
        return retried;
    }

    /**
     * Queue an ended claude or codex task again so that its next attempt continues the agent's last session (where
     * the worker that ran it takes it) instead of starting over.
     */
    public Task resume(long id, String message) {
        if (message != null && message.length() > MAX_RESUME_MESSAGE) {
            throw ApiException.badRequest("message is " + message.length() + " characters; at most "
                    + MAX_RESUME_MESSAGE);
        }
        String prompt = message == null || message.isBlank() ? Resumption.AFTER_INTERRUPTION : message.strip();
        Task resumed = store.write(tx -> {
            Task task = require(tx, id);
            if (!task.status().isRetryable()) {
                throw ApiException.conflict("task " + id + " is " + task.status().wire()
                        + "; only failed, cancelled, timed_out or stale tasks can be resumed");
            }
            AttemptRecord last = tx.latestAttempt(id)
                    .orElseThrow(() -> ApiException.conflict("task " + id + " never ran; there is nothing to resume"));
            if (Resumption.plan(tx, task, last, prompt).isEmpty()) {
                throw ApiException.conflict("task " + id + "'s agent left no session to resume"
                        + (task.backend() == Backend.SHELL ? " (shell tasks have none)" : "") + "; retry it instead");
            }
            Instant now = clock.instant();
            Task queued = queueOrBlock(tx, task, now);
            Dependencies.parentEnded(tx, queued, now);
            return queued;
        });
        dispatcher.wake();
        return resumed;
    }

    /**
     * Every descendant that ended without completing waits again, now for the retried ancestor. A task is looked at
     * again whenever one of its parents is re-opened after it, so its reason never names a parent's old state.
     */
    private static void reopenDescendants(WriteTx tx, Task root, Instant now) {
        Deque<Long> next = new ArrayDeque<>(tx.children(root.id()));
        Set<Long> expanded = new HashSet<>();
        while (!next.isEmpty()) {
            long childId = next.removeFirst();
            Task child = tx.task(childId).orElseThrow();
            List<Task> parents = tx.tasks(child.dependsOn());
            String reason = Dependencies.waitingReason(parents);
            boolean reopened = child.status().isRetryable();
            if (reopened) {
                if (reason == null) {
                    Transitions.move(tx, child, TaskStatus.PENDING, null, now);
                } else {
                    Transitions.move(tx, child, TaskStatus.BLOCKED, reason, now);
                }
            } else if (child.status() == TaskStatus.BLOCKED && reason != null && !reason.equals(child.statusReason())) {
                tx.updateStatusReason(childId, reason, now);
                tx.record(new TaskUpdated(0, now, tx.task(childId).orElseThrow()));
            }
            // Each task is re-opened at most once, so this revisits each edge at most twice.
            if (expanded.add(childId) || reopened) {
                next.addAll(tx.children(childId));
            }
        }
    }

    static Task require(dev.dobby.hub.store.ReadTx tx, long id) {
        return tx.task(id).orElseThrow(() -> ApiException.notFound("no task " + id));
    }
}
