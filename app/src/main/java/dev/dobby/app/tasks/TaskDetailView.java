package dev.dobby.app.tasks;

import atlantafx.base.theme.Styles;
import dev.dobby.protocol.Artifacts;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The selected task: what it is, what it produced, and the files it left. */
public final class TaskDetailView extends ScrollPane {

    public TaskDetailView(TaskDetailModel model) {
        setId("task-detail");
        setFitToWidth(true);
        Label heading = new Label();
        heading.setId("detail-heading");
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.textProperty().bind(model.headingProperty());
        Label facts = new Label();
        facts.setWrapText(true);
        facts.getStyleClass().add("muted");
        facts.textProperty().bind(model.factsProperty());
        Label description = new Label();
        description.setWrapText(true);
        model.taskProperty().addListener((obs, old, now) -> description.setText(now == null ? "" : now.description()));

        TextArea summary = new TextArea();
        summary.setId("detail-summary");
        summary.setEditable(false);
        summary.setWrapText(true);
        summary.setPrefRowCount(8);
        summary.textProperty().bind(model.summaryProperty());

        GridPane numbers = new GridPane();
        numbers.setHgap(12);
        numbers.setVgap(4);
        numbers.addRow(0, caption("Cost"), bound(model.costProperty(), "detail-cost"));
        numbers.addRow(1, caption("Tokens"), bound(model.tokensProperty(), "detail-tokens"));
        numbers.addRow(2, caption("Branch"), bound(model.branchProperty(), "detail-branch"));

        ListView<Artifacts.File> files = new ListView<>(model.files());
        files.setId("detail-artifacts");
        files.setPrefHeight(140);
        files.setPlaceholder(new Label("No files kept yet."));
        files.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Artifacts.File item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.path() + "  (" + size(item.size()) + ")");
            }
        });

        Label problem = new Label();
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());

        VBox box = new VBox(8, heading, facts, description, caption("Result"), summary, numbers,
                caption("Artifacts"), files, problem);
        VBox.setVgrow(summary, Priority.ALWAYS);
        box.setPadding(new Insets(12));
        setContent(box);
    }

    private static Label caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        return label;
    }

    private static Label bound(javafx.beans.value.ObservableValue<String> value, String id) {
        Label label = new Label();
        label.setId(id);
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
