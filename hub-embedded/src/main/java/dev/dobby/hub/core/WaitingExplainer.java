package dev.dobby.hub.core;

import dev.dobby.hub.store.ReadTx;
import dev.dobby.hub.store.SpokeRecord;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.Waiting;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Why waiting tasks have not started, and whether they can start without someone acting. One explainer serves one
 * read: what several tasks share (projects, running counts, the gate, online workers, usage limits, parents) is
 * read once however many tasks it explains.
 */
final class WaitingExplainer {
    private final ReadTx tx;
    private final WorkerRegistry workers;
    private final DispatchGate gate;
    private final Instant now;
    private final Map<String, Optional<String>> gateReasons = new HashMap<>();
    private final Map<String, Project> projects = new HashMap<>();
    private final Map<String, Map<Backend, Instant>> exhausted = new HashMap<>();
    private Map<String, Integer> running;
    private List<SpokeRecord> online;

    WaitingExplainer(ReadTx tx, WorkerRegistry workers, DispatchGate gate, Instant now) {
        this.tx = tx;
        this.workers = workers;
        this.gate = gate;
        this.now = now;
    }

    static boolean waits(Task task) {
        return task.status() == TaskStatus.PENDING || task.status() == TaskStatus.BLOCKED
                || task.status() == TaskStatus.DRAFT;
    }

    /** The waiting ones of {@code tasks} that the hub can explain, by id. */
    Map<Long, Waiting> explain(List<Task> tasks) {
        Set<Long> parentIds = new LinkedHashSet<>();
        tasks.stream().filter(t -> t.status() == TaskStatus.BLOCKED).forEach(t -> parentIds.addAll(t.dependsOn()));
        Map<Long, Task> parents = new HashMap<>();
        tx.tasks(parentIds).forEach(p -> parents.put(p.id(), p));
        Map<Long, Waiting> out = new HashMap<>();
        for (Task task : tasks) {
            Waiting waiting = explain(task, parents);
            if (waiting != null) {
                out.put(task.id(), waiting);
            }
        }
        return out;
    }

    /** Why {@code task} waits; null when it does not wait or the hub cannot tell. */
    Waiting explain(Task task) {
        Map<Long, Task> parents = new HashMap<>();
        if (task.status() == TaskStatus.BLOCKED) {
            tx.tasks(task.dependsOn()).forEach(p -> parents.put(p.id(), p));
        }
        return explain(task, parents);
    }

    private Waiting explain(Task task, Map<Long, Task> parents) {
        return switch (task.status()) {
            case DRAFT -> task.statusReason() == null ? null : new Waiting(task.statusReason(), false);
            case BLOCKED -> blocked(task, parents);
            case PENDING -> pending(task);
            default -> null;
        };
    }

    /**
     * A parent that ended without completing holds the task until someone retries it or cancels the task. The
     * reason is read from the parents as they are now: the one stored when the task was blocked goes stale when a
     * parent is retried.
     */
    private static Waiting blocked(Task task, Map<Long, Task> known) {
        List<Task> parents = task.dependsOn().stream().map(known::get).filter(java.util.Objects::nonNull).toList();
        boolean held = parents.stream().anyMatch(p -> p.status().isTerminal() && p.status() != TaskStatus.COMPLETED);
        String now = Dependencies.waitingReason(parents);
        String reason = now != null ? now : task.statusReason();
        return reason == null ? null : new Waiting(reason, held);
    }

    private Waiting pending(Task task) {
        if (gate != null) {
            Optional<String> closed = gateReasons.computeIfAbsent(task.project(), p -> gate.reason(tx, p));
            if (closed.isPresent()) {
                return new Waiting(closed.get(), false);
            }
        }
        Project project = projects.computeIfAbsent(task.project(), p -> tx.project(p).orElseThrow());
        if (online == null) {
            online = workers.online();
        }
        List<SpokeRecord> eligible = online.stream().filter(w -> !(project.remote() && w.local())).toList();
        if (task.targetSpoke() != null && project.remote()
                && workers.get(task.targetSpoke()).map(SpokeRecord::local).orElse(false)) {
            return new Waiting("project " + project.name() + " is on spokes only; the hub's own worker cannot run it",
                    true);
        }
        if (task.targetSpoke() != null && eligible.stream().noneMatch(w -> w.id().equals(task.targetSpoke()))) {
            return new Waiting("worker " + task.targetSpoke() + " is not online", true);
        }
        List<SpokeRecord> able = eligible.stream()
                .filter(w -> task.targetSpoke() == null || w.id().equals(task.targetSpoke()))
                .filter(w -> w.capabilities().backends().contains(task.backend()))
                .filter(w -> w.capabilities().tags().containsAll(task.targetTags()))
                .toList();
        if (able.isEmpty()) {
            String tags = task.targetTags().isEmpty() ? "" : " with tags " + String.join(",", task.targetTags());
            String where = project.remote() ? " of project " + project.name() + " (on spokes only)" : "";
            return new Waiting("no online " + (project.remote() ? "spoke" : "worker") + tags + " can run "
                    + task.backend().wire() + " tasks" + where, true);
        }
        // Only now the project's own limit: a task that no worker can take must say so, not that it waits its turn.
        if (running == null) {
            running = tx.runningByProject();
        }
        int runs = running.getOrDefault(task.project(), 0);
        int limit = project.policy().effectiveMaxConcurrent();
        if (runs >= limit) {
            return new Waiting("project " + task.project() + " already runs " + runs + " of its " + limit
                    + " allowed task(s)", false);
        }
        Optional<String> limited = limitedEverywhere(able, task);
        if (limited.isPresent()) {
            return new Waiting(limited.get(), false);
        }
        if (task.startedAt() == null && task.attempts() == 0) {
            return new Waiting("queued: waiting for a free worker slot", false);
        }
        return new Waiting("queued again: waiting for a free worker slot", false);
    }

    /** When every worker that could run the task is out of quota for its backend: which one resumes first. */
    private Optional<String> limitedEverywhere(List<SpokeRecord> able, Task task) {
        String first = null;
        Instant soonest = null;
        for (SpokeRecord worker : able) {
            Instant until = exhausted.computeIfAbsent(worker.id(), id -> UsageLimits.exhausted(tx, id, now))
                    .get(task.backend());
            if (until == null) {
                return Optional.empty();
            }
            if (soonest == null || until.isBefore(soonest)) {
                soonest = until;
                first = UsageLimits.account(worker.id(), task.backend());
            }
        }
        return first == null ? Optional.empty() : Optional.of(UsageLimits.waiting(first, soonest, ZoneId.systemDefault()));
    }
}
