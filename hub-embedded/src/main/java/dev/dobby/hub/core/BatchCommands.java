package dev.dobby.hub.core;

import dev.dobby.hub.store.BatchRecord;
import dev.dobby.hub.store.ReadTx;
import dev.dobby.hub.store.Store;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.BatchCreated;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batches: several tasks queued in one transaction, all or nothing, with {@code after} references between
 * entries by their {@code ref} or to existing tasks by id. A cycle among the entries is refused.
 */
public final class BatchCommands {
    static final int MAX_TASKS = 1_000;
    /** The most batches GET /batches lists at once. */
    public static final int MAX_LISTED = 100;

    private final Store store;
    private final TaskCommands tasks;
    private final Dispatcher dispatcher;
    private final Clock clock;

    public BatchCommands(Store store, TaskCommands tasks, Dispatcher dispatcher, Clock clock) {
        this.store = store;
        this.tasks = tasks;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public BatchStatus create(NewBatch request) {
        if (request == null || request.tasks().isEmpty()) {
            throw ApiException.badRequest("a batch needs at least one task");
        }
        if (request.tasks().size() > MAX_TASKS) {
            throw ApiException.badRequest("a batch holds at most " + MAX_TASKS + " tasks");
        }
        String name = Validate.optionalText(request.name(), "name", 200);
        List<NewBatch.Entry> order = inDependencyOrder(request.tasks());
        long batchId = store.write(tx -> {
            Instant now = clock.instant();
            long id = tx.insertBatch(name, now);
            Map<String, Long> idsByRef = new HashMap<>();
            List<Long> created = new ArrayList<>();
            for (NewBatch.Entry entry : order) {
                List<Long> existing = new ArrayList<>();
                List<Long> sameBatch = new ArrayList<>();
                for (String after : entry.after()) {
                    if (idsByRef.containsKey(after)) {
                        sameBatch.add(idsByRef.get(after));
                    } else {
                        existing.add(Long.parseLong(after));
                    }
                }
                NewTask request1 = new NewTask(entry.description(), entry.project(), entry.priority(), entry.backend(),
                        entry.timeout(), existing, entry.targetSpoke(), entry.targetTags(), entry.worktree(), false, null);
                Task task;
                try {
                    task = tasks.insert(tx, request1, id, sameBatch);
                } catch (ApiException e) {
                    throw new ApiException(e.status(), "batch task " + label(entry, request.tasks()) + ": " + e.getMessage());
                }
                created.add(task.id());
                if (entry.ref() != null) {
                    idsByRef.put(entry.ref(), task.id());
                }
            }
            tx.record(new BatchCreated(0, now, id, name, created));
            return id;
        });
        dispatcher.wake();
        return status(batchId);
    }

    private static String label(NewBatch.Entry entry, List<NewBatch.Entry> all) {
        return entry.ref() != null ? "'" + entry.ref() + "'" : "#" + (all.indexOf(entry) + 1);
    }

    /**
     * The entries ordered so that each comes after the entries it references; refuses unknown references,
     * duplicate refs and cycles.
     */
    static List<NewBatch.Entry> inDependencyOrder(List<NewBatch.Entry> entries) {
        Map<String, NewBatch.Entry> byRef = new LinkedHashMap<>();
        for (NewBatch.Entry entry : entries) {
            if (entry == null) {
                throw ApiException.badRequest("a batch entry is empty");
            }
            if (entry.ref() != null) {
                Validate.name(entry.ref(), "ref");
                if (byRef.put(entry.ref(), entry) != null) {
                    throw ApiException.badRequest("batch ref '" + entry.ref() + "' is used twice");
                }
            }
        }
        for (NewBatch.Entry entry : entries) {
            for (String after : entry.after()) {
                if (after == null || (!byRef.containsKey(after) && !after.matches("[1-9][0-9]{0,17}"))) {
                    throw ApiException.badRequest("batch task " + label(entry, entries) + " waits for '" + after
                            + "', which is neither a ref in this batch nor a task id");
                }
            }
        }
        List<NewBatch.Entry> ordered = new ArrayList<>();
        Map<NewBatch.Entry, Integer> state = new HashMap<>();
        for (NewBatch.Entry entry : entries) {
            visit(entry, byRef, state, ordered, new ArrayList<>());
        }
        return ordered;
    }

    private static void visit(NewBatch.Entry entry, Map<String, NewBatch.Entry> byRef, Map<NewBatch.Entry, Integer> state,
                              List<NewBatch.Entry> ordered, List<String> path) {
        Integer seen = state.get(entry);
        if (seen != null && seen == 2) {
            return;
        }
        if (seen != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(entry.ref()), path.size()));
            cycle.add(entry.ref());
            throw ApiException.badRequest("batch dependencies form a cycle: " + String.join(" -> ", cycle));
        }
        state.put(entry, 1);
        path.add(entry.ref());
        for (String after : entry.after()) {
            NewBatch.Entry parent = byRef.get(after);
            if (parent != null) {
                visit(parent, byRef, state, ordered, path);
            }
        }
        path.removeLast();
        state.put(entry, 2);
        ordered.add(entry);
    }

    public BatchStatus status(long batchId) {
        return store.read(tx -> status(tx, batchId));
    }

    static BatchStatus status(ReadTx tx, long batchId) {
        BatchRecord batch = tx.batch(batchId).orElseThrow(() -> ApiException.notFound("no batch " + batchId));
        return status(batch, tx.findTasks(TaskQuery.all().withPage(MAX_TASKS, 0).withBatch(batchId)).tasks());
    }

    /** The newest {@code limit} batches with their tasks, newest first, in one read. */
    public List<BatchStatus> recent(int limit) {
        if (limit < 1 || limit > MAX_LISTED) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LISTED);
        }
        return store.read(tx -> {
            List<BatchRecord> batches = tx.batches(limit);
            Map<Long, List<Task>> members = new HashMap<>();
            for (Task task : tx.batchTasks(batches.stream().map(BatchRecord::id).toList())) {
                members.computeIfAbsent(task.batchId(), k -> new ArrayList<>()).add(task);
            }
            return batches.stream().map(b -> status(b, members.getOrDefault(b.id(), List.of()))).toList();
        });
    }

    private static BatchStatus status(BatchRecord batch, List<Task> tasks) {
        List<Task> members = new ArrayList<>(tasks);
        members.sort((a, b) -> Long.compare(a.id(), b.id()));
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        int finished = 0;
        for (Task task : members) {
            counts.merge(task.status(), 1, Integer::sum);
            if (task.status().isTerminal()) {
                finished++;
            }
        }
        double progress = members.isEmpty() ? 1.0 : (double) finished / members.size();
        return new BatchStatus(batch.id(), batch.name(), batch.createdAt(), members.size(), counts, finished, progress,
                members);
    }
}
