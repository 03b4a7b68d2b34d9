package dev.dobby.app.network;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.fx.Problems;
import dev.dobby.app.fx.Reloader;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.SpokeChanged;
import dev.dobby.protocol.event.TaskStatusChanged;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The fleet as a graph: the hub in the middle, its workers around it (the local worker first), each with its
 * state, capabilities and the tasks it runs. Spoke events update a worker at once; tasks starting or ending
 * re-read the list.
 */
public final class NetworkViewModel {

    /**
     * One worker as the graph shows it.
     *
     * @param gpus its GPUs as it last reported them
     */
    public record WorkerNode(String id, Spoke.State state, boolean local, String hover, String details,
                             List<String> running, List<Spoke.Gpu> gpus) {
        public WorkerNode {
            gpus = gpus == null ? List.of() : List.copyOf(gpus);
        }

        /** A lost or stopped worker no longer reports: its GPU figures are what it said last, not live. */
        public boolean stale() {
            return state == Spoke.State.LOST || state == Spoke.State.STOPPED;
        }
    }

    private record Snapshot(List<Spoke> spokes, Map<Long, String> running) {
    }

    private final ObservableList<WorkerNode> workers = FXCollections.observableArrayList();
    private final ObjectProperty<WorkerNode> selected = new SimpleObjectProperty<>();
    private final StringProperty hubAddress = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final Map<String, Spoke> spokes = new HashMap<>();
    private Map<Long, String> runningTasks = Map.of();
    private final Reloader<Snapshot> loader;

    public NetworkViewModel(HubApi api, Background background, String hubAddress) {
        this.hubAddress.set(hubAddress);
        this.loader = new Reloader<>(background, () -> new Snapshot(api.spokes(), running(api)), this::loaded,
                e -> problem.set(Problems.describe(e)));
    }

    private static Map<Long, String> running(HubApi api) {
        return api.listTasks(TaskQuery.all().withStatuses(List.of(TaskStatus.RUNNING))
                        .withPage(TaskQuery.MAX_LIMIT, 0)).tasks().stream()
                .collect(Collectors.toMap(Task::id, NetworkViewModel::label, (a, b) -> a));
    }

    /** A running task's description, and where a batch scheduler put it when one did (a Slurm spoke's job). */
    private static String label(Task task) {
        return task.placement() == null ? task.description()
                : task.description() + " · " + task.placement().brief();
    }

    public void refresh() {
        loader.request();
    }

    private void loaded(Snapshot snapshot) {
        problem.set("");
        spokes.clear();
        snapshot.spokes().forEach(s -> spokes.put(s.id(), s));
        runningTasks = snapshot.running();
        publish();
    }

    public void onEvents(EventBridge.Batch batch) {
        boolean changed = false;
        boolean reload = false;
        for (HubEvent event : batch.hub()) {
            if (event instanceof SpokeChanged change) {
                spokes.put(change.spoke().id(), change.spoke());
                changed = true;
            } else if (event instanceof TaskStatusChanged move
                    && (move.to() == TaskStatus.RUNNING || move.from() == TaskStatus.RUNNING)) {
                reload = true;
            }
        }
        if (changed) {
            publish();
        }
        if (reload) {
            loader.request();
        }
    }

    private void publish() {
        List<WorkerNode> nodes = new ArrayList<>();
        spokes.values().stream()
                .sorted(Comparator.comparing((Spoke s) -> !s.local()).thenComparing(Spoke::id))
                .forEach(s -> nodes.add(node(s)));
        String chosen = selected.get() == null ? null : selected.get().id();
        workers.setAll(nodes);
        selected.set(chosen == null ? null : nodes.stream().filter(n -> n.id().equals(chosen)).findFirst()
                .orElse(null));
    }

    private WorkerNode node(Spoke spoke) {
        List<String> running = spoke.runningTasks().stream()
                .map(id -> "#" + id + " " + runningTasks.getOrDefault(id, ""))
                .map(String::strip)
                .toList();
        Spoke.Capabilities caps = spoke.capabilities();
        String backends = caps == null || caps.backends().isEmpty() ? "none"
                : caps.backends().stream().map(Backend::wire).collect(Collectors.joining(", "));
        String gpus = caps == null || caps.gpus().isEmpty() ? "no GPUs" : caps.gpus().stream()
                .map(g -> g.name() + " (" + g.memoryUsedMib() + "/" + g.memoryTotalMib() + " MiB, "
                        + g.utilizationPercent() + "%)")
                .collect(Collectors.joining("\n  "));
        String hover = spoke.id() + " — " + spoke.state().wire() + "\nbackends: " + backends + "\nGPUs: " + gpus
                + (running.isEmpty() ? "\nidle" : "\nrunning:\n  " + String.join("\n  ", running));
        StringBuilder details = new StringBuilder();
        details.append(spoke.local() ? "The hub's own worker" : "Spoke").append(" ").append(spoke.id())
                .append("\nState: ").append(spoke.state().wire())
                .append("\nBackends: ").append(backends);
        if (caps != null) {
            details.append("\nOS: ").append(caps.os() == null ? "?" : caps.os())
                    .append(" · ").append(caps.cpus()).append(" CPUs · runs up to ").append(caps.maxConcurrent())
                    .append(" at once");
            if (!caps.tags().isEmpty()) {
                details.append("\nTags: ").append(String.join(", ", caps.tags()));
            }
        }
        details.append("\nGPUs: ").append(gpus);
        if (!gpusOf(caps).isEmpty() && (spoke.state() == Spoke.State.LOST || spoke.state() == Spoke.State.STOPPED)) {
            details.append("\n  (stale: as last reported before the worker went ").append(spoke.state().wire())
                    .append(")");
        }
        if (spoke.lastHeartbeat() != null) {
            details.append("\nLast heartbeat: ").append(dev.dobby.app.tasks.Times.relative(spoke.lastHeartbeat(),
                    java.time.Instant.now()));
        }
        details.append(running.isEmpty() ? "\nIdle" : "\nRunning:\n  " + String.join("\n  ", running));
        return new WorkerNode(spoke.id(), spoke.state(), spoke.local(), hover, details.toString(), running,
                gpusOf(caps));
    }

    private static List<Spoke.Gpu> gpusOf(Spoke.Capabilities caps) {
        return caps == null ? List.of() : caps.gpus();
    }

    public void select(WorkerNode node) {
        selected.set(node);
    }

    public ObservableList<WorkerNode> workers() {
        return workers;
    }

    public ObjectProperty<WorkerNode> selectedProperty() {
        return selected;
    }

    public StringProperty hubAddressProperty() {
        return hubAddress;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    /** Workers online (or draining) now. */
    public long online() {
        return workers.stream().filter(w -> w.state() == Spoke.State.ONLINE || w.state() == Spoke.State.DRAINING)
                .count();
    }
}
