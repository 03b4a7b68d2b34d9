package dev.dobby.app.network;

import dev.dobby.app.fx.Fxml;
import dev.dobby.app.fx.Shown;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.util.Duration;

/**
 * The fleet as a live graph: the hub in the centre, each worker on a ring around it, joined by an edge. Colours
 * say the state (online, draining, lost, stopped); hovering shows backends, GPUs and tasks; clicking shows the
 * worker's details on the right. The frame is laid out in NetworkView.fxml; the graph follows the model and is
 * drawn here.
 */
public final class NetworkView extends BorderPane {
    private static final String NO_WORKER = "Click a worker to see its details.";

    private final NetworkViewModel model;
    private final Graph graph = new Graph();

    @FXML private Label problem;
    @FXML private StackPane graphHolder;
    @FXML private TextArea details;

    public NetworkView(NetworkViewModel model) {
        this.model = model;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        problem.textProperty().bind(model.problemProperty());
        Shown.onlyWithText(problem);
        graphHolder.getChildren().setAll(graph);
        details.textProperty().bind(Bindings.createStringBinding(() -> model.selectedProperty().get() == null
                ? NO_WORKER : model.selectedProperty().get().details(), model.selectedProperty()));
        model.selectedProperty().addListener(o -> graph.rebuild());
        model.workers().addListener((ListChangeListener<NetworkViewModel.WorkerNode>) c -> graph.rebuild());
        model.hubAddressProperty().addListener(o -> graph.rebuild());
        graph.rebuild();
    }

    private static String gib(long mib) {
        return String.format(java.util.Locale.ROOT, "%.1f", mib / 1024.0);
    }

    /** Hub at the centre, workers evenly on a ring; positions recomputed on every layout. */
    private final class Graph extends Pane {
        private final StackPane hubNode = new StackPane();
        private final List<VBox> workerNodes = new ArrayList<>();
        private final List<Line> edges = new ArrayList<>();

        Graph() {
            getStyleClass().add("graph");
            setId("network-graph");
            setMinSize(300, 300);
        }

        void rebuild() {
            getChildren().clear();
            workerNodes.clear();
            edges.clear();
            for (NetworkViewModel.WorkerNode worker : model.workers()) {
                Line edge = new Line();
                edge.getStyleClass().addAll("graph-edge", worker.state().wire());
                edges.add(edge);
                workerNodes.add(workerNode(worker));
            }
            getChildren().addAll(edges);
            VBox hub = node("hub", model.hubAddressProperty().get(), List.of(), 34);
            hub.getStyleClass().add("hub");
            hub.setId("hub-node");
            hubNode.getChildren().setAll(hub);
            getChildren().add(hubNode);
            getChildren().addAll(workerNodes);
            requestLayout();
        }

        private VBox workerNode(NetworkViewModel.WorkerNode worker) {
            String label = worker.local() ? worker.id() + " (this machine)" : worker.id();
            VBox box = node(label, worker.state().wire(), worker.running(), 24);
            box.setId("worker-" + worker.id());
            box.getStyleClass().add(worker.state().wire());
            NetworkViewModel.WorkerNode chosen = model.selectedProperty().get();
            if (chosen != null && chosen.id().equals(worker.id())) {
                box.getStyleClass().add("selected");
            }
            Tooltip tip = new Tooltip(worker.hover());
            tip.setShowDelay(Duration.millis(150));
            Tooltip.install(box, tip);
            box.setOnMouseClicked(e -> model.select(worker));
            if (!worker.gpus().isEmpty()) {
                box.getChildren().add(gpus(worker));
            }
            return box;
        }

        /** A memory bar per GPU; greyed, and said to be stale, once the worker no longer reports. */
        private VBox gpus(NetworkViewModel.WorkerNode worker) {
            VBox gpus = new VBox(3);
            gpus.setId("gpus-" + worker.id());
            gpus.getStyleClass().add("graph-gpus");
            gpus.setAlignment(Pos.CENTER_LEFT);
            gpus.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            if (worker.stale()) {
                gpus.getStyleClass().add("stale");
                Label stale = new Label("GPUs as last reported (stale)");
                stale.setId("gpus-stale-" + worker.id());
                stale.getStyleClass().add("graph-task");
                gpus.getChildren().add(stale);
            }
            for (dev.dobby.protocol.Spoke.Gpu gpu : worker.gpus()) {
                Label name = new Label("GPU " + gpu.index() + " · " + gpu.name());
                name.getStyleClass().add("graph-task");
                name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                double used = gpu.memoryTotalMib() <= 0 ? 0 : (double) gpu.memoryUsedMib() / gpu.memoryTotalMib();
                javafx.scene.control.ProgressBar bar = new javafx.scene.control.ProgressBar(Math.clamp(used, 0, 1));
                bar.getStyleClass().addAll("gpu-memory-bar", worker.stale() ? "gpu-stale"
                        : used >= 0.9 ? "usage-high" : used >= 0.7 ? "usage-warn" : "usage-ok");
                bar.setId("gpu-memory-" + worker.id() + "-" + gpu.index());
                Label memory = new Label(gib(gpu.memoryUsedMib()) + " / " + gib(gpu.memoryTotalMib()) + " GiB");
                memory.setId("gpu-memory-text-" + worker.id() + "-" + gpu.index());
                memory.getStyleClass().add("graph-task");
                memory.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                HBox row = new HBox(6, bar, memory);
                row.setAlignment(Pos.CENTER_LEFT);
                gpus.getChildren().addAll(name, row);
            }
            return gpus;
        }

        private VBox node(String name, String subtitle, List<String> running, double radius) {
            Circle disc = new Circle(radius);
            disc.getStyleClass().add("graph-disc");
            Label nameLabel = new Label(name);
            nameLabel.getStyleClass().add("graph-name");
            Label sub = new Label(subtitle);
            sub.getStyleClass().add("graph-task");
            VBox box = new VBox(2, disc, nameLabel, sub);
            for (String task : running.stream().limit(3).toList()) {
                Label line = new Label(task.length() > 40 ? task.substring(0, 39) + "…" : task);
                line.getStyleClass().add("graph-task");
                box.getChildren().add(line);
            }
            if (running.size() > 3) {
                Label more = new Label("+" + (running.size() - 3) + " more");
                more.getStyleClass().add("graph-task");
                box.getChildren().add(more);
            }
            box.setAlignment(Pos.TOP_CENTER);
            box.getStyleClass().add("graph-node");
            box.setPickOnBounds(true);
            return box;
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth();
            double h = getHeight();
            double cx = w / 2;
            int n = workerNodes.size();
            double[] sin = new double[n];
            double[] cos = new double[n];
            double[] below = new double[n];
            for (int i = 0; i < n; i++) {
                double angle = -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, n);
                sin[i] = Math.sin(angle);
                cos[i] = Math.cos(angle);
                workerNodes.get(i).autosize();
                below[i] = workerNodes.get(i).getHeight() - 24;
            }
            hubNode.autosize();
            double hubBelow = hubNode.getHeight() - 34;
            // The largest ring whose nodes, with their names, tasks and GPU bars, all fit in the pane; the hub's
            // centre moves up when the lowest nodes need the room.
            double ring = Math.max(80, w / 2 - 90);
            double top = 0;
            double bottom = 0;
            for (; ring >= 80; ring -= 5) {
                top = -34;
                bottom = hubBelow;
                for (int i = 0; i < n; i++) {
                    top = Math.min(top, ring * sin[i] - 24);
                    bottom = Math.max(bottom, ring * sin[i] + below[i]);
                }
                if (bottom - top <= h - 16) {
                    break;
                }
            }
            ring = Math.max(80, ring);
            double cy = 8 - top + Math.max(0, (h - 16 - (bottom - top)) / 2);
            place(hubNode, cx, cy);
            for (int i = 0; i < n; i++) {
                double x = cx + ring * cos[i];
                double y = cy + ring * sin[i];
                place(workerNodes.get(i), x, y);
                Line edge = edges.get(i);
                edge.setStartX(cx);
                edge.setStartY(cy);
                edge.setEndX(x);
                edge.setEndY(y);
            }
        }

        /** Puts a node so that its disc (its top child) is centred on (x, y). */
        private void place(javafx.scene.layout.Region node, double x, double y) {
            node.autosize();
            double discHalf = node == hubNode ? 34 : 24;
            node.relocate(x - node.getWidth() / 2, y - discHalf);
        }
    }
}
