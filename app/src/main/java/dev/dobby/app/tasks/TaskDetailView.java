package dev.dobby.app.tasks;

import dev.dobby.app.fx.Fxml;
import dev.dobby.protocol.Artifacts;
import java.util.Locale;
import java.util.function.LongConsumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The selected task (layout in TaskDetailView.fxml), leading with what a user came for: the outcome (or why it
 * waits), the summary, the files it changed, cost, tokens, duration and branch; the tasks it needs as links with
 * their status. The rest (every fact of the task, its kept files) is folded below.
 */
public final class TaskDetailView extends ScrollPane {
    private final TaskDetailModel model;
    private final LongConsumer openTask;

    @FXML private Label heading;
    @FXML private Label outcome;
    @FXML private Label waiting;
    @FXML private Label description;
    @FXML private Label needsCaption;
    @FXML private FlowPane needs;
    @FXML private VBox produced;
    @FXML private TextArea summary;
    @FXML private Label cost;
    @FXML private Label tokens;
    @FXML private Label duration;
    @FXML private Label branch;
    @FXML private Label changes;
    @FXML private Label timelineCaption;
    @FXML private VBox timeline;
    @FXML private TitledPane more;
    @FXML private Label facts;
    @FXML private ListView<Artifacts.File> files;
    @FXML private Label problem;

    public TaskDetailView(TaskDetailModel model) {
        this(model, id -> { });
    }

    public TaskDetailView(TaskDetailModel model, LongConsumer openTask) {
        this.model = model;
        this.openTask = openTask;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        heading.textProperty().bind(model.headingProperty());
        outcome.textProperty().bind(model.outcomeProperty());
        waiting.textProperty().bind(model.waitingProperty());
        showWhen(waiting, model.waitingProperty().isNotEmpty());
        model.waitingProperty().addListener((obs, old, now) -> mark(waiting, model.stuckProperty().get()));
        model.taskProperty().addListener((obs, old, now) -> description.setText(now == null ? "" : now.description()));

        model.parents().addListener((ListChangeListener<TaskDetailModel.Parent>) change ->
                needs.getChildren().setAll(model.parents().stream().map(this::link).toList()));
        showWhen(needsCaption, Bindings.isNotEmpty(model.parents()));
        showWhen(needs, needsCaption.visibleProperty());

        // What a task produced means nothing before it ran: a waiting task shows why it waits instead.
        showWhen(produced, Bindings.createBooleanBinding(() -> {
            var t = model.taskProperty().get();
            return t != null && (t.startedAt() != null || t.status().isTerminal());
        }, model.taskProperty()));
        summary.textProperty().bind(model.summaryProperty());
        cost.textProperty().bind(model.costProperty());
        tokens.textProperty().bind(model.tokensProperty());
        duration.textProperty().bind(model.durationProperty());
        branch.textProperty().bind(model.branchProperty());
        changes.textProperty().bind(model.changesProperty());

        model.timeline().addListener((ListChangeListener<String>) change ->
                timeline.getChildren().setAll(model.timeline().stream().map(this::step).toList()));
        showWhen(timelineCaption, Bindings.isNotEmpty(model.timeline()));

        facts.textProperty().bind(model.factsProperty());
        files.setItems(model.files());
        files.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Artifacts.File item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.path() + "  (" + size(item.size()) + ")");
            }
        });
        showWhen(more, model.taskProperty().isNotNull());
        problem.textProperty().bind(model.problemProperty());
    }

    /** A task this one needs: its number and status, opening it when clicked. */
    private Hyperlink link(TaskDetailModel.Parent parent) {
        Hyperlink link = new Hyperlink("#" + parent.id() + " " + parent.status());
        link.setId("detail-parent-" + parent.id());
        link.setTooltip(new Tooltip(parent.description()));
        link.setOnAction(e -> openTask.accept(parent.id()));
        return link;
    }

    /** One line of the timeline; the line saying what the task does now is coloured when it waits. */
    private Label step(String line) {
        Label step = new Label(line);
        step.setWrapText(true);
        step.getStyleClass().add("timeline-step");
        String now = line.startsWith(TaskDetailModel.NOW) ? line.substring(TaskDetailModel.NOW.length()) : null;
        if (now != null && !now.equals("running")) {
            step.getStyleClass().add(model.stuckProperty().get() ? "stuck" : "waiting");
        }
        return step;
    }

    private static void mark(Node node, boolean stuck) {
        node.getStyleClass().remove("stuck");
        if (stuck) {
            node.getStyleClass().add("stuck");
        }
    }

    private static void showWhen(Node node, javafx.beans.value.ObservableBooleanValue shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(node.visibleProperty());
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
