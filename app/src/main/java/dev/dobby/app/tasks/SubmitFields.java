package dev.dobby.app.tasks;

import atlantafx.base.theme.Styles;
import dev.dobby.app.fx.Fxml;
import dev.dobby.app.fx.WireNames;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.util.Duration;

/**
 * The New-task dialog's fields (layout in SubmitFields.fxml), bound to a {@link SubmitForm}: the schedule's next
 * firings shown as it is typed, and the field that is wrong marked, with what is wrong under the fields.
 */
public final class SubmitFields extends GridPane {
    private final SubmitForm form;
    private final ObservableList<String> projects;
    private final SubmitDialog.Previews previews;
    private final SubmitDialog.Workers workers;
    private Map<SubmitForm.Field, List<Node>> fields;
    private boolean tried;

    @FXML private TextArea description;
    @FXML private ComboBox<String> project;
    @FXML private ComboBox<Backend> backend;
    @FXML private ComboBox<Priority> priority;
    @FXML private TextField model;
    @FXML private TextField timeout;
    @FXML private TextField dependsOn;
    @FXML private ComboBox<String> worker;
    @FXML private TextField tags;
    @FXML private CheckBox worktree;
    @FXML private CheckBox draft;
    @FXML private TextField cron;
    @FXML private TextField every;
    @FXML private Label preview;
    @FXML private Label problem;

    public SubmitFields(SubmitForm form, ObservableList<String> projects, SubmitDialog.Previews previews,
                        SubmitDialog.Workers workers) {
        this.form = form;
        this.projects = projects;
        this.previews = previews;
        this.workers = workers;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        description.textProperty().bindBidirectional(form.descriptionProperty());
        project.setItems(projects);
        project.valueProperty().bindBidirectional(form.projectProperty());
        if (form.projectProperty().get() == null && !projects.isEmpty()) {
            project.setValue(projects.getFirst());
        }
        backend.getItems().setAll(Backend.forTasks());
        backend.setConverter(WireNames.converter(Backend::wire, Backend::fromWire));
        backend.valueProperty().bindBidirectional(form.backendProperty());
        priority.getItems().setAll(Priority.values());
        priority.setConverter(WireNames.converter(Priority::wire, Priority::fromWire));
        priority.valueProperty().bindBidirectional(form.priorityProperty());
        model.textProperty().bindBidirectional(form.modelProperty());
        timeout.textProperty().bindBidirectional(form.timeoutMinutesProperty());
        dependsOn.textProperty().bindBidirectional(form.dependsOnProperty());
        // The editor, not the value: what is typed counts even before the combo box commits it.
        worker.getEditor().textProperty().bindBidirectional(form.workerProperty());
        workers.load(names -> worker.getItems().setAll(names));
        tags.textProperty().bindBidirectional(form.tagsProperty());
        worktree.selectedProperty().bindBidirectional(form.worktreeProperty());
        draft.selectedProperty().bindBidirectional(form.draftProperty());
        cron.textProperty().bindBidirectional(form.cronProperty());
        every.textProperty().bindBidirectional(form.everyProperty());

        fields = Map.of(SubmitForm.Field.DESCRIPTION, List.of(description), SubmitForm.Field.PROJECT, List.of(project),
                SubmitForm.Field.TIMEOUT, List.of(timeout), SubmitForm.Field.DEPENDS_ON, List.of(dependsOn),
                SubmitForm.Field.MODEL, List.of(model), SubmitForm.Field.WORKER, List.of(worker),
                SubmitForm.Field.TAGS, List.of(tags), SubmitForm.Field.SCHEDULE, List.of(cron, every),
                SubmitForm.Field.DRAFT, List.of(draft));
        // Once the user has been told what is wrong, the message follows the fields as they are corrected.
        for (Observable field : List.of(form.descriptionProperty(), form.projectProperty(),
                form.timeoutMinutesProperty(), form.dependsOnProperty(), form.modelProperty(), form.workerProperty(),
                form.tagsProperty(), form.cronProperty(), form.everyProperty(), form.draftProperty())) {
            field.addListener(o -> {
                if (tried) {
                    show(form.check());
                }
            });
        }

        preview.managedProperty().bind(preview.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        preview.textProperty().addListener(o -> growToFit());
        problem.textProperty().addListener(o -> growToFit());

        // Ask the hub once typing pauses, not at every key.
        PauseTransition settle = new PauseTransition(Duration.millis(300));
        settle.setOnFinished(e -> previewSchedule());
        form.cronProperty().addListener((obs, old, now) -> settle.playFromStart());
        form.everyProperty().addListener((obs, old, now) -> settle.playFromStart());
    }

    private void previewSchedule() {
        if (!form.isSchedule()) {
            preview.setText("");
        } else if (form.cron() != null && form.every() != null) {
            preview.setText("Give cron or every, not both.");
        } else {
            String askedCron = form.cron();
            String askedEvery = form.every();
            previews.preview(askedCron, askedEvery, text -> {
                if (Objects.equals(askedCron, form.cron()) && Objects.equals(askedEvery, form.every())) {
                    preview.setText(text);
                }
            });
        }
    }

    /** A dialog keeps the size it opened with: make room when a preview or a problem needs more lines. */
    private void growToFit() {
        Platform.runLater(() -> {
            if (getScene() != null && getScene().getWindow() != null) {
                Parent root = getScene().getRoot();
                if (root.prefHeight(getScene().getWidth()) > getScene().getHeight() + 0.5) {
                    getScene().getWindow().sizeToScene();
                }
            }
        });
    }

    /** Shows what is wrong (or nothing) and marks the field it is about; returns whether something is wrong. */
    boolean show(Optional<SubmitForm.Problem> wrong) {
        tried = true;
        fields.values().stream().flatMap(List::stream)
                .forEach(node -> node.pseudoClassStateChanged(Styles.STATE_DANGER, false));
        problem.setText(wrong.map(SubmitForm.Problem::message).orElse(""));
        wrong.ifPresent(p -> fields.get(p.field())
                .forEach(node -> node.pseudoClassStateChanged(Styles.STATE_DANGER, true)));
        return wrong.isPresent();
    }

    /** Puts the cursor where the user starts: the description, or the field that is wrong. */
    void focus(Optional<SubmitForm.Problem> wrong) {
        wrong.map(p -> fields.get(p.field()).getFirst()).orElse(description).requestFocus();
    }
}
