package dev.dobby.app.tasks;

import atlantafx.base.theme.Styles;
import dev.dobby.app.flow.FlowView;
import dev.dobby.app.logs.LogView;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.CheckComboBox;
import dev.dobby.app.fx.SearchField;

/**
 * Tasks: the filtered table on the left; on the right the selected task's details, live log and flow.
 * The action buttons follow the selection: cancel while it can be cancelled, retry once it has ended, approve
 * for drafts.
 */
public final class TasksView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", java.util.Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd")
            .withZone(ZoneId.systemDefault());

    private final TasksViewModel model;
    private final TableView<Task> table = new TableView<>();
    private final TextField search;
    private final TabPane tabs = new TabPane();
    private final Tab logTab;
    private final Tab flowTab;
    private final Runnable openSubmit;
    private final dev.dobby.app.fx.Confirmer confirmer;

    public TasksView(TasksViewModel model, TaskDetailView detail, LogView log, FlowView flow, Runnable openSubmit) {
        this(model, detail, log, flow, openSubmit, dev.dobby.app.fx.Confirmer.always());
    }

    public TasksView(TasksViewModel model, TaskDetailView detail, LogView log, FlowView flow, Runnable openSubmit,
                     dev.dobby.app.fx.Confirmer confirmer) {
        this.model = model;
        this.openSubmit = openSubmit;
        this.confirmer = confirmer;
        setId("tasks-view");

        search = SearchField.create();
        search.setId("task-search");
        search.setPromptText("Search descriptions");
        search.textProperty().bindBidirectional(model.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);

        CheckComboBox<TaskStatus> statuses = new CheckComboBox<>();
        statuses.setId("status-filter");
        statuses.getItems().setAll(TaskStatus.values());
        statuses.setTitle("Status");
        statuses.setShowCheckedCount(true);
        statuses.getCheckModel().getCheckedItems().addListener((javafx.collections.ListChangeListener<TaskStatus>)
                change -> model.statuses().setAll(List.copyOf(statuses.getCheckModel().getCheckedItems())));

        ComboBox<String> project = new ComboBox<>();
        project.setId("project-filter");
        project.setPromptText("All projects");
        project.setItems(model.projects());
        project.valueProperty().bindBidirectional(model.projectProperty());
        project.setMinWidth(Region.USE_PREF_SIZE);
        project.setPrefWidth(150);
        statuses.setMinWidth(Region.USE_PREF_SIZE);
        search.setMinWidth(140);
        Button allProjects = new Button("All");
        allProjects.setTooltip(new javafx.scene.control.Tooltip("Show every project"));
        allProjects.setMinWidth(Region.USE_PREF_SIZE);
        allProjects.setOnAction(e -> project.setValue(null));

        HBox filters = new HBox(8, search, statuses, project, allProjects);
        filters.setPadding(new Insets(0, 0, 8, 0));

        Button submit = new Button("New task…");
        submit.setId("submit-button");
        submit.getStyleClass().add(Styles.ACCENT);
        submit.setOnAction(e -> openSubmit.run());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-button");
        cancel.setOnAction(e -> cancelSelected());
        Button retry = new Button("Retry");
        retry.setId("retry-button");
        retry.setOnAction(e -> act(t -> model.retry(t, false)));
        Button retryCascade = new Button("Retry chain");
        retryCascade.setId("retry-cascade-button");
        retryCascade.setOnAction(e -> retrySelected(true));
        Button resume = new Button("Resume");
        resume.setId("resume-button");
        resume.setTooltip(new javafx.scene.control.Tooltip("Continue the agent's session instead of starting over"));
        resume.setOnAction(e -> act(model::resume));
        Button approve = new Button("Approve");
        approve.setId("approve-button");
        approve.getStyleClass().add(Styles.SUCCESS);
        approve.setOnAction(e -> act(model::approve));
        cancel.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !TasksViewModel.canCancel(model.selectedProperty().get()), model.selectedProperty()));
        retry.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !TasksViewModel.canRetry(model.selectedProperty().get()), model.selectedProperty()));
        retryCascade.disableProperty().bind(retry.disableProperty());
        resume.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !TasksViewModel.canResume(model.selectedProperty().get()), model.selectedProperty()));
        approve.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !TasksViewModel.canApprove(model.selectedProperty().get()), model.selectedProperty()));
        Label count = new Label();
        count.setId("task-count");
        count.getStyleClass().add("muted");
        count.setMinWidth(Region.USE_PREF_SIZE);
        count.textProperty().bind(Bindings.createStringBinding(() -> TasksViewModel.range(
                        model.offsetProperty().get(), model.tasks().size(), model.totalProperty().get()),
                model.tasks(), model.totalProperty(), model.offsetProperty()));
        retryCascade.setTooltip(new javafx.scene.control.Tooltip("Retry, and re-open the tasks that wait on it"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox actions = new HBox(6, submit, cancel, retry, retryCascade, resume, approve, grow);
        actions.setPadding(new Insets(0, 0, 8, 0));
        for (Button button : List.of(submit, cancel, retry, retryCascade, resume, approve)) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }

        buildTable();
        // Below the table, where the row of actions leaves it room to be read whole.
        HBox pager = pager(count);
        VBox left = new VBox(actions, filters, table, pager);
        VBox.setVgrow(table, Priority.ALWAYS);
        left.setPadding(new Insets(12));

        Tab detailTab = new Tab("Details", detail);
        logTab = new Tab("Log", log);
        flowTab = new Tab("Flow", flow);
        detailTab.setId("detail-tab");
        logTab.setId("log-tab");
        flowTab.setId("flow-tab");
        tabs.getTabs().setAll(detailTab, logTab, flowTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        SplitPane split = new SplitPane(left, tabs);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.62);
        setCenter(split);
    }

    private void buildTable() {
        table.setId("tasks-table");
        table.setItems(model.tasks());
        table.setPlaceholder(new Label("No tasks yet. Queue one with New task… (Ctrl+N)."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        // Fixed widths that fit their headers and widest values; the description takes what is left and is the
        // one column allowed to elide (its full text is in the tooltip and the details).
        TableColumn<Task, Long> id = new TableColumn<>("#");
        id.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().id()));
        id.setId("column-id");
        fixed(id, 64);
        TableColumn<Task, Task> status = new TableColumn<>("Status");
        status.setId("column-status");
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        status.setCellFactory(c -> new StatusCell());
        fixed(status, 112);
        TableColumn<Task, String> project = new TableColumn<>("Project");
        project.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().project()));
        project.setPrefWidth(96);
        project.setMinWidth(80);
        TableColumn<Task, String> created = new TableColumn<>("Created");
        created.setCellValueFactory(c -> new ReadOnlyStringWrapper(when(c.getValue().createdAt())));
        fixed(created, 96);
        TableColumn<Task, Task> description = new TableColumn<>("Description");
        description.setId("column-description");
        description.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        description.setCellFactory(c -> new DescriptionCell(model.waiting(), model.stuck()));
        description.setPrefWidth(240);
        description.setMinWidth(120);
        table.getColumns().setAll(List.of(id, status, project, created, description));
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(Task item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("stuck");
                if (!empty && item != null && model.stuck().contains(item.id())) {
                    getStyleClass().add("stuck");
                }
            }
        });
        model.waiting().addListener((javafx.collections.MapChangeListener<Long, String>) change -> table.refresh());
        model.stuck().addListener((javafx.collections.SetChangeListener<Long>) change -> table.refresh());

        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                int index = table.getItems().indexOf(now);
                if (index >= 0) {
                    table.getSelectionModel().clearAndSelect(index);
                }
            }
        });
        model.tasks().addListener((javafx.collections.ListChangeListener<Task>) change -> {
            Task chosen = model.selectedProperty().get();
            if (chosen != null) {
                int index = table.getItems().indexOf(chosen);
                if (index >= 0 && table.getSelectionModel().getSelectedIndex() != index) {
                    table.getSelectionModel().clearAndSelect(index);
                }
            }
        });
    }

    /** Today's tasks by time, this year's by day, older ones by date: short enough for a narrow column. */
    static String when(java.time.Instant at) {
        if (at == null) {
            return "";
        }
        java.time.LocalDate day = at.atZone(ZoneId.systemDefault()).toLocalDate();
        java.time.LocalDate today = java.time.LocalDate.now();
        if (day.equals(today)) {
            return TIME.format(at);
        }
        return day.getYear() == today.getYear() ? DAY.format(at) : DATE.format(at);
    }

    private static void fixed(TableColumn<Task, ?> column, double width) {
        column.setPrefWidth(width);
        column.setMinWidth(width);
        column.setMaxWidth(width);
        column.setResizable(false);
    }

    private HBox pager(Label count) {
        Button first = pagerButton("pager-first", "Newest", model::firstPage);
        Button previous = pagerButton("pager-previous", "‹ Newer", model::previousPage);
        Button next = pagerButton("pager-next", "Older ›", model::nextPage);
        Button last = pagerButton("pager-last", "Oldest", model::lastPage);
        first.disableProperty().bind(model.offsetProperty().isEqualTo(0));
        previous.disableProperty().bind(model.offsetProperty().isEqualTo(0));
        next.disableProperty().bind(Bindings.createBooleanBinding(() -> model.offsetProperty().get()
                + TasksViewModel.PAGE >= model.totalProperty().get(), model.offsetProperty(), model.totalProperty()));
        last.disableProperty().bind(next.disableProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox pager = new HBox(6, count, grow, first, previous, next, last);
        pager.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        pager.setPadding(new Insets(6, 0, 0, 0));
        return pager;
    }

    private static Button pagerButton(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setOnAction(e -> action.run());
        return button;
    }

    /** Cancel the selected task, once the user confirms (a running agent loses its work in progress). */
    public void cancelSelected() {
        Task chosen = model.selectedProperty().get();
        if (!TasksViewModel.canCancel(chosen)) {
            return;
        }
        String details = chosen.status() == TaskStatus.RUNNING
                ? "Its agent is stopped now and the work in progress is lost."
                : "It will not run.";
        if (confirmer.confirm("Cancel task #" + chosen.id() + "?", details, "Cancel task")) {
            model.cancel(chosen);
        }
    }

    /** Retry the selected task; with its dependents once the user confirms (they all run again). */
    public void retrySelected(boolean cascade) {
        Task chosen = model.selectedProperty().get();
        if (!TasksViewModel.canRetry(chosen)) {
            return;
        }
        if (!cascade || confirmer.confirm("Retry task #" + chosen.id() + " and the tasks that wait on it?",
                "Every task in the chain after it is queued again, including ones that already ran.",
                "Retry chain")) {
            model.retry(chosen, cascade);
        }
    }

    private void act(Consumer<Task> action) {
        Task chosen = model.selectedProperty().get();
        if (chosen != null) {
            action.accept(chosen);
        }
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public void showLog() {
        tabs.getSelectionModel().select(logTab);
    }

    public void showFlow() {
        tabs.getSelectionModel().select(flowTab);
    }

    /** The status column: a badge per state (pending, blocked and draft each their own), marked when stuck. */
    private static final class StatusCell extends TableCell<Task, Task> {
        private final Label badge = new Label();

        StatusCell() {
            badge.setMinWidth(Region.USE_PREF_SIZE);
            setGraphic(null);
        }

        @Override
        protected void updateItem(Task item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            badge.setText(StatusBadges.label(item.status()));
            badge.getStyleClass().setAll(StatusBadges.styleClasses(item.status()));
            setGraphic(badge);
        }
    }

    /** The description, and under a waiting task why it waits (in red when it cannot run as things stand). */
    private static final class DescriptionCell extends TableCell<Task, Task> {
        private final javafx.collections.ObservableMap<Long, String> waiting;
        private final javafx.collections.ObservableSet<Long> stuck;
        private final Label text = new Label();
        private final Label reason = new Label();
        private final VBox box = new VBox(1, text, reason);
        private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

        DescriptionCell(javafx.collections.ObservableMap<Long, String> waiting, javafx.collections.ObservableSet<Long> stuck) {
            this.waiting = waiting;
            this.stuck = stuck;
            getStyleClass().add("elidable");
            text.getStyleClass().add("elidable");
            reason.getStyleClass().addAll("elidable", "waiting-reason");
            reason.setId(null);
            box.setMinWidth(0);
        }

        @Override
        protected void updateItem(Task item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                setTooltip(null);
                setAccessibleText(null);
                return;
            }
            String why = waiting.get(item.id());
            text.setText(item.description() == null ? "" : item.description().lines().findFirst().orElse(""));
            boolean show = why != null && WaitingReasons.waits(item);
            String backend = item.backend() == null ? "" : item.backend().wire();
            String priority = item.priority() == null || item.priority() == dev.dobby.protocol.Priority.NORMAL
                    ? "" : "  ·  " + item.priority().wire() + " priority";
            reason.getStyleClass().remove("stuck");
            if (show && stuck.contains(item.id())) {
                reason.getStyleClass().add("stuck");
                reason.setText("⚠ " + why);
            } else {
                reason.setText(backend + priority + (show ? "  ·  " + why : ""));
            }
            setGraphic(box);
            setAccessibleText(item.description());
            tip.setText(item.description() + (show ? "\n\n" + why : ""));
            setTooltip(tip);
        }
    }
}
