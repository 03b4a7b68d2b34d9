package dev.dobby.app.batches;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.fx.Problems;
import dev.dobby.app.fx.Reloader;
import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.BatchCreated;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskStatusChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The recent batches with how far each has got, and the chosen one's tasks: one call to the hub for them all. */
public final class BatchesViewModel {
    static final int MAX_BATCHES = 30;

    /** How a batch's tasks split, in the words the view shows: done, failed, cancelled, running, pending. */
    public record Progress(int done, int failed, int cancelled, int running, int pending) {
        static Progress of(Map<TaskStatus, Integer> counts) {
            return new Progress(n(counts, TaskStatus.COMPLETED),
                    n(counts, TaskStatus.FAILED) + n(counts, TaskStatus.TIMED_OUT) + n(counts, TaskStatus.STALE),
                    n(counts, TaskStatus.CANCELLED), n(counts, TaskStatus.RUNNING),
                    n(counts, TaskStatus.PENDING) + n(counts, TaskStatus.BLOCKED) + n(counts, TaskStatus.DRAFT));
        }

        private static int n(Map<TaskStatus, Integer> counts, TaskStatus status) {
            return counts.getOrDefault(status, 0);
        }

        /** "3 done · 1 failed · 1 running · 2 pending" (cancelled only when there are some). */
        public String text() {
            return done + " done · " + failed + " failed · " + (cancelled > 0 ? cancelled + " cancelled · " : "")
                    + running + " running · " + pending + " pending";
        }
    }

    /** A parent → child edge between two tasks of one batch (the child lists the parent in its {@code after}). */
    public record Edge(long parent, long child) {
    }

    private final ObservableList<BatchStatus> batches = FXCollections.observableArrayList();
    private final ObjectProperty<BatchStatus> selected = new SimpleObjectProperty<>();
    private final StringProperty problem = new SimpleStringProperty("");
    private final Reloader<List<BatchStatus>> loader;

    public BatchesViewModel(HubApi api, Background background) {
        this.loader = new Reloader<>(background, () -> api.batches(MAX_BATCHES), this::loaded,
                e -> problem.set(Problems.describe(e)));
    }

    public void refresh() {
        loader.request();
    }

    public void onEvents(EventBridge.Batch batch) {
        for (HubEvent event : batch.hub()) {
            if (event instanceof BatchCreated || event instanceof TaskStatusChanged) {
                loader.request();
                return;
            }
        }
    }

    private void loaded(List<BatchStatus> loaded) {
        problem.set("");
        Long chosen = selected.get() == null ? null : selected.get().id();
        batches.setAll(loaded);
        BatchStatus again = chosen == null ? null
                : loaded.stream().filter(b -> b.id() == chosen).findFirst().orElse(null);
        selected.set(again != null ? again : loaded.isEmpty() ? null : loaded.getFirst());
    }

    /** The batch's {@code after} edges, parent to child, between its own tasks. */
    public static List<Edge> edges(BatchStatus batch) {
        Set<Long> own = batch.tasks().stream().map(Task::id).collect(java.util.stream.Collectors.toSet());
        List<Edge> edges = new ArrayList<>();
        for (Task task : batch.tasks()) {
            for (long parent : task.dependsOn()) {
                if (own.contains(parent)) {
                    edges.add(new Edge(parent, task.id()));
                }
            }
        }
        return edges;
    }

    /** Each task's column in the graph: 0 for one that needs no task of the batch, else one past its deepest parent. */
    public static Map<Long, Integer> depths(BatchStatus batch) {
        Map<Long, Task> byId = new java.util.HashMap<>();
        batch.tasks().forEach(t -> byId.put(t.id(), t));
        Map<Long, Integer> depths = new java.util.HashMap<>();
        for (Task task : batch.tasks()) {
            depth(task, byId, depths, new java.util.HashSet<>());
        }
        return depths;
    }

    private static int depth(Task task, Map<Long, Task> byId, Map<Long, Integer> depths, Set<Long> visiting) {
        Integer known = depths.get(task.id());
        if (known != null) {
            return known;
        }
        if (!visiting.add(task.id())) {
            return 0; // a cycle cannot be queued, but a drawing must not loop on one
        }
        int depth = 0;
        for (long parent : task.dependsOn()) {
            Task p = byId.get(parent);
            if (p != null) {
                depth = Math.max(depth, depth(p, byId, depths, visiting) + 1);
            }
        }
        depths.put(task.id(), depth);
        return depth;
    }

    public static Progress progress(BatchStatus batch) {
        return Progress.of(batch.counts());
    }

    public void select(BatchStatus batch) {
        selected.set(batch);
    }

    public ObservableList<BatchStatus> batches() {
        return batches;
    }

    public ObjectProperty<BatchStatus> selectedProperty() {
        return selected;
    }

    public StringProperty problemProperty() {
        return problem;
    }
}
