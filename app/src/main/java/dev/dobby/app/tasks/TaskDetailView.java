package dev.dobby.app.tasks;

import atlantafx.base.theme.Styles;
import dev.dobby.app.fx.Forms;
import dev.dobby.protocol.Artifacts;
import java.util.Locale;
import java.util.function.LongConsumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The selected task, leading with what a user came for: the outcome (or why it waits), the summary, the files
 * it changed, cost, tokens, duration and branch; the tasks it needs as links with their status. The rest (every
 * fact of the task, its kept files) is folded below.
 */
public final class TaskDetailView extends ScrollPane {

    public TaskDetailView(TaskDetailModel model) {
        this(model, id -> { });
    }

    public TaskDetailView(TaskDetailModel model, LongConsumer openTask) {
        setId("task-detail");
        setFitToWidth(true);
        Label heading = new Label();
        heading.setId("detail-heading");
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.setWrapText(true);
        heading.textProperty().bind(model.headingProperty());
        Label outcome = new Label();
        outcome.setId("detail-outcome");
        outcome.setWrapText(true);
        outcome.getStyleClass().add("detail-outcome");
        outcome.textProperty().bind(model.outcomeProperty());
        Label waiting = new Label();
        waiting.setId("detail-waiting");
        waiting.setWrapText(true);
        waiting.getStyleClass().add("detail-waiting");
        waiting.textProperty().bind(model.waitingProperty());
        waiting.visibleProperty().bind(model.waitingProperty().isNotEmpty());
        waiting.managedProperty().bind(waiting.visibleProperty());
        model.waitingProperty().addListener((obs, old, now) -> {
            waiting.getStyleClass().remove("stuck");
            if (model.stuckProperty().get()) {
                waiting.getStyleClass().add("stuck");
            }
        });
        Label description = new Label();
        description.setId("detail-description");
        description.setWrapText(true);
        model.taskProperty().addListener((obs, old, now) -> description.setText(now == null ? "" : now.description()));

        FlowPane needs = new FlowPane(6, 4);
        needs.setId("detail-needs");
        model.parents().addListener((javafx.collections.ListChangeListener<TaskDetailModel.Parent>) change -> {
            needs.getChildren().clear();
            for (TaskDetailModel.Parent parent : model.parents()) {
                Hyperlink link = new Hyperlink("#" + parent.id() + " " + parent.status());
                link.setId("detail-parent-" + parent.id());
                link.setTooltip(new javafx.scene.control.Tooltip(parent.description()));
                link.setOnAction(e -> openTask.accept(parent.id()));
                needs.getChildren().add(link);
            }
        });
        Label needsCaption = caption("Needs");
        needsCaption.visibleProperty().bind(Bindings.isNotEmpty(model.parents()));
        needsCaption.managedProperty().bind(needsCaption.visibleProperty());
        needs.visibleProperty().bind(needsCaption.visibleProperty());
        needs.managedProperty().bind(needsCaption.visibleProperty());

        TextArea summary = new TextArea();
        summary.setId("detail-summary");
        summary.setEditable(false);
        summary.setWrapText(true);
        summary.setPrefRowCount(7);
        summary.textProperty().bind(model.summaryProperty());

        GridPane numbers = Forms.grid();
        numbers.setPadding(Insets.EMPTY);
        numbers.setVgap(4);
        numbers.addRow(0, caption("Cost"), bound(model.costProperty(), "detail-cost"));
        numbers.addRow(1, caption("Tokens"), bound(model.tokensProperty(), "detail-tokens"));
        numbers.addRow(2, caption("Duration"), bound(model.durationProperty(), "detail-duration"));
        numbers.addRow(3, caption("Branch"), bound(model.branchProperty(), "detail-branch"));

        Label changes = new Label();
        changes.setId("detail-changes");
        changes.setWrapText(true);
        changes.getStyleClass().add("diffstat");
        changes.textProperty().bind(model.changesProperty());

        Label facts = new Label();
        facts.setWrapText(true);
        facts.getStyleClass().add("muted");
        facts.textProperty().bind(model.factsProperty());
        ListView<Artifacts.File> files = new ListView<>(model.files());
        files.setId("detail-artifacts");
        files.setPrefHeight(120);
        files.setPlaceholder(new Label("No files kept yet."));
        files.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Artifacts.File item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.path() + "  (" + size(item.size()) + ")");
            }
        });
        TitledPane more = new TitledPane("Task, attempts and kept files",
                new VBox(8, facts, caption("Kept files"), files));
        more.setId("detail-more");
        more.setExpanded(false);
        more.setAnimated(false);
        more.visibleProperty().bind(model.taskProperty().isNotNull());
        more.managedProperty().bind(more.visibleProperty());

        VBox timeline = new VBox(2);
        timeline.setId("detail-timeline");
        model.timeline().addListener((javafx.collections.ListChangeListener<String>) change -> {
            timeline.getChildren().setAll(model.timeline().stream().map(line -> {
                Label step = new Label(line);
                step.setWrapText(true);
                step.getStyleClass().add("timeline-step");
                String now = line.startsWith(TaskDetailModel.NOW) ? line.substring(TaskDetailModel.NOW.length()) : null;
                if (now != null && !now.equals("running")) {
                    step.getStyleClass().add(model.stuckProperty().get() ? "stuck" : "waiting");
                }
                return step;
            }).toList());
        });
        Label timelineCaption = caption("Timeline");
        timelineCaption.visibleProperty().bind(Bindings.isNotEmpty(model.timeline()));
        timelineCaption.managedProperty().bind(timelineCaption.visibleProperty());

        Label problem = new Label();
        problem.getStyleClass().add(Styles.DANGER);
        problem.setWrapText(true);
        problem.textProperty().bind(model.problemProperty());

        // What a task produced means nothing before it ran: a waiting task shows why it waits instead.
        VBox produced = new VBox(8, caption("Result"), summary, numbers, caption("Files changed"), changes);
        produced.visibleProperty().bind(Bindings.createBooleanBinding(() -> {
            var t = model.taskProperty().get();
            return t != null && (t.startedAt() != null || t.status().isTerminal());
        }, model.taskProperty()));
        produced.managedProperty().bind(produced.visibleProperty());
        VBox box = new VBox(8, heading, outcome, waiting, description, needsCaption, needs, produced,
                timelineCaption, timeline, more, problem);
        box.setPadding(new Insets(12));
        setContent(box);
    }

    private static Label caption(String text) {
        Label label = Forms.caption(text);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        return label;
    }

    private static Label bound(javafx.beans.value.ObservableValue<String> value, String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.textProperty().bind(value);
        return label;
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
