package dev.dobby.app.tasks;

import atlantafx.base.theme.Styles;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Priority;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import java.util.function.Function;
import javafx.util.StringConverter;

/**
 * Queue a task: description, project, priority, backend, timeout, dependencies, draft; or, with cron or every, a
 * schedule, with its next firings shown as it is typed. The dialog stays open while a field is wrong, saying which.
 */
public final class SubmitDialog extends Dialog<NewTask> {
    public static final ButtonType QUEUE = new ButtonType("Queue", ButtonBar.ButtonData.OK_DONE);

    private final SubmitForm form;

    /** Says when a schedule would fire: the next firings in words, or what is wrong with the expression. */
    @FunctionalInterface
    public interface Previews {
        void preview(String cron, String every, java.util.function.Consumer<String> show);
    }

    public SubmitDialog(Window owner, SubmitForm form, ObservableList<String> projects) {
        this(owner, form, projects, (cron, every, show) -> { });
    }

    public SubmitDialog(Window owner, SubmitForm form, ObservableList<String> projects, Previews previews) {
        this.form = form;
        initOwner(owner);
        setTitle("New task");
        setHeaderText("Queue a task");
        getDialogPane().setId("submit-dialog");
        getDialogPane().getButtonTypes().setAll(QUEUE, ButtonType.CANCEL);

        TextArea description = new TextArea();
        description.setId("submit-description");
        description.setPromptText("What should the agent do? For the shell backend: the command to run.");
        description.setPrefRowCount(4);
        description.setWrapText(true);
        description.textProperty().bindBidirectional(form.descriptionProperty());

        ComboBox<String> project = new ComboBox<>(projects);
        project.setId("submit-project");
        project.setPromptText("Project");
        project.valueProperty().bindBidirectional(form.projectProperty());
        if (form.projectProperty().get() == null && !projects.isEmpty()) {
            project.setValue(projects.getFirst());
        }

        ComboBox<Priority> priority = new ComboBox<>();
        priority.setId("submit-priority");
        priority.getItems().setAll(Priority.values());
        priority.setPromptText("project default");
        priority.setConverter(wire(Priority::wire, Priority::fromWire));
        priority.valueProperty().bindBidirectional(form.priorityProperty());

        ComboBox<Backend> backend = new ComboBox<>();
        backend.setId("submit-backend");
        backend.getItems().setAll(Backend.forTasks());
        backend.setPromptText("project default");
        backend.setConverter(wire(Backend::wire, Backend::fromWire));
        backend.valueProperty().bindBidirectional(form.backendProperty());

        TextField timeout = new TextField();
        timeout.setId("submit-timeout");
        timeout.setPromptText("minutes (project default)");
        timeout.textProperty().bindBidirectional(form.timeoutMinutesProperty());

        TextField dependsOn = new TextField();
        dependsOn.setId("submit-depends");
        dependsOn.setPromptText("task numbers, e.g. 12, 15");
        dependsOn.textProperty().bindBidirectional(form.dependsOnProperty());

        CheckBox draft = new CheckBox("Save as a draft (runs once approved)");
        draft.setId("submit-draft");
        draft.selectedProperty().bindBidirectional(form.draftProperty());

        TextField cron = new TextField();
        cron.setId("submit-cron");
        cron.setPromptText("cron, e.g. 0 9 * * 1-5");
        cron.textProperty().bindBidirectional(form.cronProperty());
        TextField every = new TextField();
        every.setId("submit-every");
        every.setPromptText("or every, e.g. 6h");
        every.textProperty().bindBidirectional(form.everyProperty());
        Label preview = new Label();
        preview.setId("submit-preview");
        preview.setWrapText(true);
        preview.setMaxWidth(420);
        // A wrapped label in a grid row gets one line's height unless it asks for all of its lines.
        preview.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        // Ask the hub once typing pauses, not at every key.
        javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(javafx.util.Duration.millis(300));
        settle.setOnFinished(e -> {
            if (!form.isSchedule()) {
                preview.setText("");
            } else if (form.cron() != null && form.every() != null) {
                preview.setText("Give cron or every, not both.");
            } else {
                String askedCron = form.cron();
                String askedEvery = form.every();
                previews.preview(askedCron, askedEvery, text -> {
                    if (java.util.Objects.equals(askedCron, form.cron())
                            && java.util.Objects.equals(askedEvery, form.every())) {
                        preview.setText(text);
                    }
                });
            }
        });
        form.cronProperty().addListener((obs, old, now) -> settle.playFromStart());
        form.everyProperty().addListener((obs, old, now) -> settle.playFromStart());
        Label scheduleNote = new Label(SubmitForm.SCHEDULE_NOTE);
        scheduleNote.getStyleClass().add("muted");
        scheduleNote.setWrapText(true);
        scheduleNote.setMaxWidth(420);
        scheduleNote.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        Label problem = new Label();
        problem.setId("submit-problem");
        problem.getStyleClass().add(Styles.DANGER);
        problem.setWrapText(true);
        problem.setMaxWidth(420);
        problem.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        GridPane grid = dev.dobby.app.fx.Forms.grid();
        int row = 0;
        grid.addRow(row++, dev.dobby.app.fx.Forms.caption("Description"), description);
        grid.addRow(row++, dev.dobby.app.fx.Forms.caption("Project"), project);
        grid.addRow(row++, dev.dobby.app.fx.Forms.caption("Priority"), priority);
        grid.addRow(row++, dev.dobby.app.fx.Forms.caption("Backend"), backend);
        grid.addRow(row++, dev.dobby.app.fx.Forms.caption("Timeout"), timeout);
        grid.addRow(row++, dev.dobby.app.fx.Forms.caption("Depends on"), dependsOn);
        grid.addRow(row++, dev.dobby.app.fx.Forms.caption(""), draft);
        grid.addRow(row++, dev.dobby.app.fx.Forms.caption("Schedule"), cron);
        grid.addRow(row++, dev.dobby.app.fx.Forms.caption(""), every);
        grid.addRow(row++, dev.dobby.app.fx.Forms.caption(""), preview);
        grid.addRow(row++, dev.dobby.app.fx.Forms.caption(""), scheduleNote);
        grid.addRow(row, dev.dobby.app.fx.Forms.caption(""), problem);
        getDialogPane().setContent(grid);

        Node queue = getDialogPane().lookupButton(QUEUE);
        queue.setId("submit-queue");
        queue.addEventFilter(javafx.event.ActionEvent.ACTION, event -> form.problem().ifPresent(p -> {
            problem.setText(p);
            event.consume();
        }));
        setResultConverter(button -> button == QUEUE ? form.toRequest() : null);
        setOnShown(e -> description.requestFocus());
    }

    static <T> StringConverter<T> wire(Function<T, String> name, Function<String, T> parse) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : name.apply(value);
            }

            @Override
            public T fromString(String text) {
                return text == null || text.isBlank() ? null : parse.apply(text);
            }
        };
    }
}
