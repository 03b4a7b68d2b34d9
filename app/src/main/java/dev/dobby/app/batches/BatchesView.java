package dev.dobby.app.batches;

import atlantafx.base.theme.Styles;
import dev.dobby.app.fx.Fxml;
import dev.dobby.app.fx.Shown;
import dev.dobby.app.tasks.StatusBadges;
import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;

/**
 * Recent batches with a progress bar in the status colours and their counts; the chosen batch's tasks drawn as a
 * small graph, each task a box in its status colour, an arrow from each task to the ones that wait for it. The page
 * is laid out in BatchesView.fxml; the cards and the graph follow the model and are drawn here.
 */
public final class BatchesView extends BorderPane {
    static final double BAR_WIDTH = 300;
    static final double BOX_WIDTH = 170;
    static final double BOX_HEIGHT = 46;
    static final double COLUMN_GAP = 46;
    static final double ROW_GAP = 18;
    private static final List<TaskStatus> BAR_ORDER = List.of(TaskStatus.COMPLETED, TaskStatus.FAILED,
            TaskStatus.TIMED_OUT, TaskStatus.STALE, TaskStatus.CANCELLED, TaskStatus.RUNNING, TaskStatus.PENDING,
            TaskStatus.BLOCKED, TaskStatus.DRAFT);
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT)
            .withZone(java.time.ZoneId.systemDefault());

    private final BatchesViewModel model;
    private final LongConsumer openTask;

    @FXML private Label problem;
    @FXML private ListView<BatchStatus> list;
    @FXML private Label graphTitle;
    @FXML private Label graphProgress;
    @FXML private Pane graph;

    public BatchesView(BatchesViewModel model, LongConsumer openTask) {
        this.model = model;
        this.openTask = openTask;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        problem.textProperty().bind(model.problemProperty());
        Shown.onlyWithText(problem);
        SplitPane.setResizableWithParent(list, false);
        list.setItems(model.batches());
        list.setCellFactory(v -> new BatchCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.select(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> show(now));
        // The page is built the first time it is shown, often after the model has chosen a batch.
        show(model.selectedProperty().get());
    }

    private void show(BatchStatus batch) {
        if (batch != null && list.getSelectionModel().getSelectedItem() != batch) {
            list.getSelectionModel().select(batch);
        }
        drawGraph(batch);
    }

    private final class BatchCell extends ListCell<BatchStatus> {
        BatchCell() {
            setOnMouseClicked(e -> {
                if (getItem() != null) {
                    model.select(getItem());
                }
            });
        }

        @Override
        protected void updateItem(BatchStatus batch, boolean empty) {
            super.updateItem(batch, empty);
            setText(null);
            setGraphic(empty || batch == null ? null : card(batch));
        }
    }

    private Node card(BatchStatus batch) {
        Label name = new Label(name(batch));
        name.getStyleClass().addAll(Styles.TEXT_BOLD, "elidable");
        name.setTooltip(new Tooltip(name(batch)));
        Label meta = new Label("#" + batch.id() + " · " + batch.total() + (batch.total() == 1 ? " task" : " tasks")
                + (batch.createdAt() == null ? "" : " · created " + CREATED.format(batch.createdAt())));
        meta.getStyleClass().addAll("muted", Styles.TEXT_SMALL);
        meta.setMinWidth(Region.USE_PREF_SIZE);
        Label finished = new Label(batch.finished() + " of " + batch.total() + " finished ("
                + Math.round(batch.progress() * 100) + "%)");
        finished.setId("batch-finished-" + batch.id());
        finished.setMinWidth(Region.USE_PREF_SIZE);
        Label counts = new Label(BatchesViewModel.progress(batch).text());
        counts.setId("batch-counts-" + batch.id());
        counts.getStyleClass().add(Styles.TEXT_SMALL);
        counts.setMinWidth(Region.USE_PREF_SIZE);
        VBox card = new VBox(name, meta, bar(batch), finished, counts);
        card.setId("batch-" + batch.id());
        card.getStyleClass().add("batch-card");
        return card;
    }

    static String name(BatchStatus batch) {
        return batch.name() == null || batch.name().isBlank() ? "Batch " + batch.id() : batch.name();
    }

    /** One segment per status, as wide as its share of the batch, in the status palette. */
    private static Node bar(BatchStatus batch) {
        HBox bar = new HBox();
        bar.getStyleClass().add("batch-bar");
        bar.setMinWidth(BAR_WIDTH);
        bar.setPrefWidth(BAR_WIDTH);
        bar.setMaxWidth(BAR_WIDTH);
        int total = Math.max(1, batch.total());
        for (TaskStatus status : BAR_ORDER) {
            int count = batch.counts().getOrDefault(status, 0);
            if (count == 0) {
                continue;
            }
            Region segment = new Region();
            segment.getStyleClass().addAll("batch-segment", "status-fill-" + status.wire());
            double width = BAR_WIDTH * count / total;
            segment.setMinWidth(width);
            segment.setPrefWidth(width);
            segment.setMaxWidth(width);
            Tooltip.install(segment, new Tooltip(count + " " + StatusBadges.label(status)));
            bar.getChildren().add(segment);
        }
        return bar;
    }

    private void drawGraph(BatchStatus batch) {
        graph.getChildren().clear();
        if (batch == null) {
            graphTitle.setText("No batch chosen");
            graphProgress.setText("");
            return;
        }
        graphTitle.setText(name(batch) + " · " + batch.total() + (batch.total() == 1 ? " task" : " tasks"));
        graphProgress.setText(BatchesViewModel.progress(batch).text());
        Map<Long, Integer> depths = BatchesViewModel.depths(batch);
        Map<Integer, Integer> rows = new HashMap<>();
        Map<Long, double[]> at = new HashMap<>();
        List<Node> boxes = new ArrayList<>();
        double width = 0;
        double height = 0;
        for (Task task : batch.tasks()) {
            int column = depths.getOrDefault(task.id(), 0);
            int row = rows.merge(column, 1, Integer::sum) - 1;
            double x = 12 + column * (BOX_WIDTH + COLUMN_GAP);
            double y = 12 + row * (BOX_HEIGHT + ROW_GAP);
            at.put(task.id(), new double[] {x, y});
            boxes.add(box(task, x, y));
            width = Math.max(width, x + BOX_WIDTH + 12);
            height = Math.max(height, y + BOX_HEIGHT + 12);
        }
        for (BatchesViewModel.Edge edge : BatchesViewModel.edges(batch)) {
            double[] from = at.get(edge.parent());
            double[] to = at.get(edge.child());
            graph.getChildren().addAll(arrow(edge, from[0] + BOX_WIDTH, from[1] + BOX_HEIGHT / 2, to[0],
                    to[1] + BOX_HEIGHT / 2));
        }
        graph.getChildren().addAll(boxes);
        graph.setPrefSize(width, height);
        graph.setMinSize(width, height);
    }

    private Node box(Task task, double x, double y) {
        Label number = new Label("#" + task.id() + " · " + StatusBadges.label(task.status()));
        number.getStyleClass().add(Styles.TEXT_BOLD);
        number.setMinWidth(Region.USE_PREF_SIZE);
        String headline = task.description() == null ? "" : task.description().strip().lines().findFirst().orElse("");
        Label text = new Label(headline);
        text.getStyleClass().addAll("elidable", Styles.TEXT_SMALL);
        VBox box = new VBox(number, text);
        box.getStyleClass().addAll("dag-task", "status-badge", "status-" + task.status().wire());
        box.setId("dag-task-" + task.id());
        box.resizeRelocate(x, y, BOX_WIDTH, BOX_HEIGHT);
        box.setPrefSize(BOX_WIDTH, BOX_HEIGHT);
        box.setMaxSize(BOX_WIDTH, BOX_HEIGHT);
        box.relocate(x, y);
        Tooltip.install(box, new Tooltip("#" + task.id() + " " + StatusBadges.label(task.status())
                + (task.project() == null ? "" : " · " + task.project()) + "\n" + task.description()
                + "\nDouble-click to open it in Tasks"));
        box.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openTask.accept(task.id());
            }
        });
        return box;
    }

    /** A line from the parent's right side to the child's left side, with a head at the child. */
    private static List<Node> arrow(BatchesViewModel.Edge edge, double x1, double y1, double x2, double y2) {
        Line line = new Line(x1, y1, x2 - 6, y2);
        line.getStyleClass().add("dag-edge");
        line.setId("dag-edge-" + edge.parent() + "-" + edge.child());
        double angle = Math.atan2(y2 - y1, x2 - 6 - x1);
        double size = 8;
        Polygon head = new Polygon(
                x2, y2,
                x2 - size * Math.cos(angle - 0.45), y2 - size * Math.sin(angle - 0.45),
                x2 - size * Math.cos(angle + 0.45), y2 - size * Math.sin(angle + 0.45));
        head.getStyleClass().add("dag-arrow");
        return List.of(line, head);
    }
}
