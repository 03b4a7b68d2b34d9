package dev.dobby.app.schedules;

import atlantafx.base.theme.Styles;
import dev.dobby.app.fx.Confirmer;
import dev.dobby.app.tasks.StatusBadges;
import dev.dobby.app.tasks.Times;
import dev.dobby.protocol.Schedule;
import dev.dobby.protocol.Task;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Schedules: each with its rule, state, next and last run; pause, resume, stop; below, the runs of the chosen one. */
public final class SchedulesView extends BorderPane {
    private final SchedulesViewModel model;
    private final Confirmer confirmer;

    public SchedulesView(SchedulesViewModel model, Confirmer confirmer, LongConsumer openTask) {
        this.model = model;
        this.confirmer = confirmer;
        setId("schedules-view");
        Label title = new Label("Schedules");
        title.getStyleClass().add("page-title");
        Button pause = button("schedule-pause", "Pause", () -> act(model::pause));
        Button resume = button("schedule-resume", "Resume", () -> act(model::resume));
        Button cancel = button("schedule-cancel", "Stop schedule", this::cancelSelected);
        cancel.getStyleClass().add(Styles.DANGER);
        pause.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !SchedulesViewModel.canPause(model.selectedProperty().get()), model.selectedProperty()));
        resume.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !SchedulesViewModel.canResume(model.selectedProperty().get()), model.selectedProperty()));
        cancel.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !SchedulesViewModel.canCancel(model.selectedProperty().get()), model.selectedProperty()));
        Label message = new Label();
        message.getStyleClass().add("muted");
        message.textProperty().bind(model.messageProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(10, title, pause, resume, cancel, grow, message);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        top.setPadding(new Insets(12));

        TableView<Schedule> table = new TableView<>(model.schedules());
        table.setId("schedules-table");
        table.setPlaceholder(new Label("No schedules. New task… with cron or every makes one."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<Schedule, String> state = column("State", s -> s.state().wire(), 90);
        state.setCellFactory(c -> new TableCell<>() {
            private final Label badge = new Label();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                badge.setText(item);
                badge.getStyleClass().setAll("label", "status-badge", "schedule-" + item);
                setGraphic(badge);
            }
        });
        TableColumn<Schedule, String> description = column("Task", Schedule::description, 160);
        description.getStyleClass().add("elidable");
        table.getColumns().setAll(List.of(
                column("#", s -> Long.toString(s.id()), 48),
                state,
                column("Project", Schedule::project, 90),
                column("Rule", SchedulesViewModel::when, 140),
                column("Next run", s -> s.nextRunAt() == null ? "—" : Times.when(s.nextRunAt(), zone(s))
                        + "  (" + Times.relative(s.nextRunAt(), Instant.now()) + ")", 250),
                column("Last run", s -> s.lastRunAt() == null ? "never" : Times.when(s.lastRunAt(), zone(s)), 130),
                column("Runs", s -> Integer.toString(s.runs()), 56),
                description));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });

        TableView<Task> runs = new TableView<>(model.runs());
        runs.setId("schedule-runs");
        runs.setPlaceholder(new Label("Choose a schedule to see its runs."));
        runs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<Task, String> runStatus = new TableColumn<>("Status");
        runStatus.setMinWidth(112);
        runStatus.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().status().wire()));
        runStatus.setCellFactory(c -> new TableCell<>() {
            private final Label badge = new Label();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                Task task = empty ? null : getTableRow().getItem();
                if (task == null) {
                    setGraphic(null);
                    return;
                }
                badge.setText(StatusBadges.label(task.status()));
                badge.getStyleClass().setAll(StatusBadges.styleClasses(task.status()));
                setGraphic(badge);
            }
        });
        TableColumn<Task, String> runId = new TableColumn<>("Task");
        runId.setMinWidth(64);
        runId.setCellValueFactory(c -> new ReadOnlyStringWrapper("#" + c.getValue().id()));
        TableColumn<Task, String> fired = new TableColumn<>("Firing");
        fired.setMinWidth(150);
        fired.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().scheduledFor() == null ? ""
                : Times.when(c.getValue().scheduledFor(), ZoneId.systemDefault())
                + (c.getValue().catchUp() ? " (catch-up)" : "")));
        TableColumn<Task, String> finished = new TableColumn<>("Ended");
        finished.setMinWidth(150);
        finished.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().finishedAt() == null ? ""
                : Times.when(c.getValue().finishedAt(), ZoneId.systemDefault())));
        runs.getColumns().setAll(List.of(runId, runStatus, fired, finished));
        runs.setRowFactory(t -> {
            javafx.scene.control.TableRow<Task> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    openTask.accept(row.getItem().id());
                }
            });
            return row;
        });
        Label runsTitle = new Label("Runs of the chosen schedule (double-click one to open it)");
        runsTitle.getStyleClass().add(Styles.TEXT_BOLD);
        VBox lower = new VBox(6, runsTitle, runs);
        VBox.setVgrow(runs, Priority.ALWAYS);
        lower.setPadding(new Insets(8, 12, 12, 12));
        VBox upper = new VBox(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        upper.setPadding(new Insets(0, 12, 0, 12));
        SplitPane split = new SplitPane(upper, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        setTop(top);
        setCenter(split);
    }

    private static ZoneId zone(Schedule schedule) {
        try {
            return schedule.timeZone() == null ? ZoneId.systemDefault() : ZoneId.of(schedule.timeZone());
        } catch (java.time.DateTimeException e) {
            return ZoneId.systemDefault();
        }
    }

    private static Button button(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setOnAction(e -> action.run());
        return button;
    }

    private void act(java.util.function.Consumer<Schedule> action) {
        Schedule chosen = model.selectedProperty().get();
        if (chosen != null) {
            action.accept(chosen);
        }
    }

    /** Stopping a schedule cannot be undone: ask first. */
    public void cancelSelected() {
        Schedule chosen = model.selectedProperty().get();
        if (SchedulesViewModel.canCancel(chosen) && confirmer.confirm("Stop schedule #" + chosen.id() + "?",
                "It queues no further runs; runs already queued are left alone. This cannot be undone.",
                "Stop schedule")) {
            model.cancel(chosen);
        }
    }

    private static <T> TableColumn<T, String> column(String name, Function<T, String> value, double minWidth) {
        TableColumn<T, String> column = new TableColumn<>(name);
        column.setMinWidth(minWidth);
        column.setPrefWidth(minWidth);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }
}
