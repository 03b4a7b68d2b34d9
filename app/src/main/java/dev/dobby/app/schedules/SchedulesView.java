package dev.dobby.app.schedules;

import dev.dobby.app.fx.Confirmer;
import dev.dobby.app.fx.Fxml;
import dev.dobby.app.tasks.StatusBadges;
import dev.dobby.app.tasks.Times;
import dev.dobby.protocol.Schedule;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/** Schedules (layout in SchedulesView.fxml): binds the list, the runs of the chosen one and the actions to the model. */
public final class SchedulesView extends BorderPane {
    private final SchedulesViewModel model;
    private final Confirmer confirmer;
    private final LongConsumer openTask;

    @FXML private Button pause;
    @FXML private Button resume;
    @FXML private Button cancel;
    @FXML private Label message;
    @FXML private TableView<Schedule> table;
    @FXML private TableColumn<Schedule, String> idColumn;
    @FXML private TableColumn<Schedule, String> stateColumn;
    @FXML private TableColumn<Schedule, String> projectColumn;
    @FXML private TableColumn<Schedule, String> ruleColumn;
    @FXML private TableColumn<Schedule, String> nextColumn;
    @FXML private TableColumn<Schedule, String> lastColumn;
    @FXML private TableColumn<Schedule, String> runsColumn;
    @FXML private TableColumn<Schedule, String> taskColumn;
    @FXML private TableView<Task> runs;
    @FXML private TableColumn<Task, String> runIdColumn;
    @FXML private TableColumn<Task, String> runStatusColumn;
    @FXML private TableColumn<Task, String> runFiredColumn;
    @FXML private TableColumn<Task, String> runEndedColumn;

    public SchedulesView(SchedulesViewModel model, Confirmer confirmer, LongConsumer openTask) {
        this.model = model;
        this.confirmer = confirmer;
        this.openTask = openTask;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        enableWhen(pause, SchedulesViewModel::canPause);
        enableWhen(resume, SchedulesViewModel::canResume);
        enableWhen(cancel, SchedulesViewModel::canCancel);
        message.textProperty().bind(model.messageProperty());

        table.setItems(model.schedules());
        show(idColumn, s -> Long.toString(s.id()));
        show(stateColumn, s -> s.state().wire());
        stateColumn.setCellFactory(c -> new BadgeCell<>(state -> state, state -> new String[] {
                "label", "status-badge", "schedule-" + state}));
        show(projectColumn, Schedule::project);
        show(ruleColumn, SchedulesViewModel::when);
        show(nextColumn, s -> s.nextRunAt() == null ? "—"
                : Times.when(s.nextRunAt(), zone(s)) + "  (" + Times.relative(s.nextRunAt(), Instant.now()) + ")");
        show(lastColumn, s -> s.lastRunAt() == null ? "never" : Times.when(s.lastRunAt(), zone(s)));
        show(runsColumn, s -> Integer.toString(s.runs()));
        show(taskColumn, Schedule::description);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });

        runs.setItems(model.runs());
        show(runIdColumn, t -> "#" + t.id());
        show(runStatusColumn, t -> t.status().wire());
        runStatusColumn.setCellFactory(c -> new BadgeCell<>(
                wire -> StatusBadges.label(TaskStatus.fromWire(wire)),
                wire -> StatusBadges.styleClasses(TaskStatus.fromWire(wire)).toArray(String[]::new)));
        show(runFiredColumn, t -> t.scheduledFor() == null ? ""
                : Times.when(t.scheduledFor(), ZoneId.systemDefault()) + (t.catchUp() ? " (catch-up)" : ""));
        show(runEndedColumn, t -> t.finishedAt() == null ? "" : Times.when(t.finishedAt(), ZoneId.systemDefault()));
        runs.setRowFactory(t -> {
            TableRow<Task> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    openTask.accept(row.getItem().id());
                }
            });
            return row;
        });
    }

    @FXML
    private void pause() {
        act(model::pause);
    }

    @FXML
    private void resume() {
        act(model::resume);
    }

    /** Stopping a schedule cannot be undone: ask first. */
    @FXML
    public void cancelSelected() {
        Schedule chosen = model.selectedProperty().get();
        if (SchedulesViewModel.canCancel(chosen) && confirmer.confirm("Stop schedule #" + chosen.id() + "?",
                "It queues no further runs; runs already queued are left alone. This cannot be undone.",
                "Stop schedule")) {
            model.cancel(chosen);
        }
    }

    private void act(Consumer<Schedule> action) {
        Schedule chosen = model.selectedProperty().get();
        if (chosen != null) {
            action.accept(chosen);
        }
    }

    private void enableWhen(Button button, Predicate<Schedule> allowed) {
        button.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !allowed.test(model.selectedProperty().get()), model.selectedProperty()));
    }

    private static <T> void show(TableColumn<T, String> column, Function<T, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }

    private static ZoneId zone(Schedule schedule) {
        try {
            return schedule.timeZone() == null ? ZoneId.systemDefault() : ZoneId.of(schedule.timeZone());
        } catch (java.time.DateTimeException e) {
            return ZoneId.systemDefault();
        }
    }

    /** A cell that shows its value as a coloured badge. */
    private static final class BadgeCell<T> extends TableCell<T, String> {
        private final Label badge = new Label();
        private final Function<String, String> text;
        private final Function<String, String[]> styles;

        BadgeCell(Function<String, String> text, Function<String, String[]> styles) {
            this.text = text;
            this.styles = styles;
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            badge.setText(text.apply(item));
            badge.getStyleClass().setAll(styles.apply(item));
            setGraphic(badge);
        }
    }
}
