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
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final TasksViewModel model;
    private final TableView<Task> table = new TableView<>();
    private final TextField search;
    private final TabPane tabs = new TabPane();
    private final Tab logTab;
    private final Tab flowTab;
    private final Runnable openSubmit;

    public TasksView(TasksViewModel model, TaskDetailView detail, LogView log, FlowView flow, Runnable openSubmit) {
        this.model = model;
        this.openSubmit = openSubmit;
        setId("tasks-view");

        search = SearchField.create();
        search.setId("task-search");
        search.setPromptText("Search descriptions (Ctrl+F)");
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
        Button allProjects = new Button("All");
        allProjects.setOnAction(e -> project.setValue(null));

        HBox filters = new HBox(8, search, statuses, project, allProjects);
        filters.setPadding(new Insets(0, 0, 8, 0));

        Button submit = new Button("New task…");
        submit.setId("submit-button");
        submit.getStyleClass().add(Styles.ACCENT);
        submit.setOnAction(e -> openSubmit.run());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-button");
        cancel.setOnAction(e -> act(model::cancel));
        Button retry = new Button("Retry");
        retry.setId("retry-button");
        retry.setOnAction(e -> act(t -> model.retry(t, false)));
        Button retryCascade = new Button("Retry chain");
        retryCascade.setId("retry-cascade-button");
        retryCascade.setOnAction(e -> act(t -> model.retry(t, true)));
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
        count.getStyleClass().add("muted");
        count.textProperty().bind(Bindings.createStringBinding(() -> model.tasks().size() + " of "
                + model.totalProperty().get() + " tasks", model.tasks(), model.totalProperty()));
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
        count.setPadding(new Insets(6, 0, 0, 0));
        VBox left = new VBox(actions, filters, table, count);
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
        split.setDividerPositions(0.56);
        setCenter(split);
    }

    private void buildTable() {
        table.setId("tasks-table");
        table.setItems(model.tasks());
        table.setPlaceholder(new Label("No tasks yet. Queue one with New task… (Ctrl+N)."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<Task, Long> id = new TableColumn<>("#");
        id.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().id()));
        id.setPrefWidth(44);
        id.setMaxWidth(70);
        TableColumn<Task, TaskStatus> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
        status.setCellFactory(c -> new StatusCell());
        status.setPrefWidth(96);
        status.setMinWidth(90);
        TableColumn<Task, String> project = new TableColumn<>("Project");
        project.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().project()));
        project.setPrefWidth(80);
        TableColumn<Task, String> backend = new TableColumn<>("Backend");
        backend.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().backend() == null ? "" : c.getValue().backend().wire()));
        backend.setPrefWidth(64);
        TableColumn<Task, String> priority = new TableColumn<>("Priority");
        priority.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().priority() == null ? "" : c.getValue().priority().wire()));
        priority.setPrefWidth(64);
        TableColumn<Task, String> created = new TableColumn<>("Created");
        created.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().createdAt() == null ? "" : TIME.format(c.getValue().createdAt())));
        created.setPrefWidth(96);
        TableColumn<Task, String> description = new TableColumn<>("Description");
        description.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().description()));
        description.setPrefWidth(220);
        table.getColumns().setAll(List.of(id, status, project, backend, priority, created, description));

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

    /** The status column: the word, coloured by state. */
    private static final class StatusCell extends TableCell<Task, TaskStatus> {
        @Override
        protected void updateItem(TaskStatus item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeIf(s -> s.equals("status-cell") || isStatusClass(s));
            if (empty || item == null) {
                setText(null);
                return;
            }
            setText(item.wire().replace('_', ' '));
            getStyleClass().addAll("status-cell", item.wire());
        }

        private static boolean isStatusClass(String style) {
            for (TaskStatus status : TaskStatus.values()) {
                if (status.wire().equals(style)) {
                    return true;
                }
            }
            return false;
        }
    }
}
