package dev.dobby.app.tasks;

import dev.dobby.app.flow.FlowView;
import dev.dobby.app.fx.Confirmer;
import dev.dobby.app.fx.Fxml;
import dev.dobby.app.logs.LogView;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.SetChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.CheckComboBox;

/**
 * Tasks (layout in TasksView.fxml): the filtered table on the left; on the right the selected task's details,
 * live log and flow. The action buttons follow the selection: cancel while it can be cancelled, retry once it has
 * ended, approve for drafts.
 *
 * <p>Rows are drawn for a smooth scroll through long lists: every row has the same height, a cell changes a style
 * class only when its state changes, all description cells share one tooltip, and a changed waiting reason redraws
 * only the cells that show that task instead of rebuilding the table.
 */
public final class TasksView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd")
            .withZone(ZoneId.systemDefault());

    private final TasksViewModel model;
    private final TaskDetailView detail;
    private final LogView log;
    private final FlowView flow;
    private final Runnable openSubmit;
    private final Confirmer confirmer;
    /** The rows and cells that draw a task's waiting reason, to redraw when only the reason changes. */
    private final Set<ShowsReason> showingReasons = Collections.newSetFromMap(new WeakHashMap<>());
    private final Tooltip descriptionTip = new Tooltip();

    @FXML private Button cancel;
    @FXML private Button retry;
    @FXML private Button retryCascade;
    @FXML private Button resume;
    @FXML private Button approve;
    @FXML private TextField search;
    @FXML private CheckComboBox<TaskStatus> statuses;
    @FXML private ComboBox<String> project;
    @FXML private TableView<Task> table;
    @FXML private TableColumn<Task, Long> idColumn;
    @FXML private TableColumn<Task, Task> statusColumn;
    @FXML private TableColumn<Task, String> projectColumn;
    @FXML private TableColumn<Task, String> createdColumn;
    @FXML private TableColumn<Task, Task> descriptionColumn;
    @FXML private Label count;
    @FXML private Button first;
    @FXML private Button previous;
    @FXML private Button next;
    @FXML private Button last;
    @FXML private TabPane tabs;
    @FXML private Tab detailTab;
    @FXML private Tab logTab;
    @FXML private Tab flowTab;

    public TasksView(TasksViewModel model, TaskDetailView detail, LogView log, FlowView flow, Runnable openSubmit) {
        this(model, detail, log, flow, openSubmit, Confirmer.always());
    }

    public TasksView(TasksViewModel model, TaskDetailView detail, LogView log, FlowView flow, Runnable openSubmit,
                     Confirmer confirmer) {
        this.model = model;
        this.detail = detail;
        this.log = log;
        this.flow = flow;
        this.openSubmit = openSubmit;
        this.confirmer = confirmer;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        enableWhen(cancel, TasksViewModel::canCancel);
        enableWhen(retry, TasksViewModel::canRetry);
        retryCascade.disableProperty().bind(retry.disableProperty());
        enableWhen(resume, TasksViewModel::canResume);
        enableWhen(approve, TasksViewModel::canApprove);

        search.textProperty().bindBidirectional(model.searchProperty());
        statuses.getItems().setAll(TaskStatus.values());
        statuses.getCheckModel().getCheckedItems().addListener((ListChangeListener<TaskStatus>)
                change -> model.statuses().setAll(List.copyOf(statuses.getCheckModel().getCheckedItems())));
        project.setItems(model.projects());
        project.valueProperty().bindBidirectional(model.projectProperty());

        bindTable();

        count.textProperty().bind(Bindings.createStringBinding(() -> TasksViewModel.range(
                        model.offsetProperty().get(), model.tasks().size(), model.totalProperty().get()),
                model.tasks(), model.totalProperty(), model.offsetProperty()));
        first.disableProperty().bind(model.offsetProperty().isEqualTo(0));
        previous.disableProperty().bind(model.offsetProperty().isEqualTo(0));
        next.disableProperty().bind(Bindings.createBooleanBinding(() -> model.offsetProperty().get()
                + TasksViewModel.PAGE >= model.totalProperty().get(), model.offsetProperty(), model.totalProperty()));
        last.disableProperty().bind(next.disableProperty());

        detailTab.setContent(detail);
        logTab.setContent(log);
        flowTab.setContent(flow);
    }

    private void bindTable() {
        table.setItems(model.tasks());
        idColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().id()));
        statusColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        statusColumn.setCellFactory(c -> new StatusCell());
        projectColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().project()));
        createdColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(when(c.getValue().createdAt())));
        descriptionColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        descriptionColumn.setCellFactory(c -> remember(new DescriptionCell()));
        table.setRowFactory(t -> remember(new TaskRow()));
        model.waiting().addListener((MapChangeListener<Long, String>) change -> redrawReason(change.getKey()));
        model.stuck().addListener((SetChangeListener<Long>) change -> redrawReason(
                change.wasAdded() ? change.getElementAdded() : change.getElementRemoved()));

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
        model.tasks().addListener((ListChangeListener<Task>) change -> {
            Task chosen = model.selectedProperty().get();
            if (chosen != null) {
                int index = table.getItems().indexOf(chosen);
                if (index >= 0 && table.getSelectionModel().getSelectedIndex() != index) {
                    table.getSelectionModel().clearAndSelect(index);
                }
            }
        });
    }

    private <C extends ShowsReason> C remember(C cell) {
        showingReasons.add(cell);
        return cell;
    }

    /** A reason (or whether it can be lifted) changed while its task did not: the table would not redraw that row. */
    private void redrawReason(long taskId) {
        for (ShowsReason cell : List.copyOf(showingReasons)) {
            if (cell.shows(taskId)) {
                cell.redraw();
            }
        }
    }

    /** Today's tasks by time, this year's by day, older ones by date: short enough for a narrow column. */
    static String when(Instant at) {
        if (at == null) {
            return "";
        }
        LocalDate day = at.atZone(ZoneId.systemDefault()).toLocalDate();
        LocalDate today = LocalDate.now();
        if (day.equals(today)) {
            return TIME.format(at);
        }
        return day.getYear() == today.getYear() ? DAY.format(at) : DATE.format(at);
    }

    private void enableWhen(Button button, Predicate<Task> allowed) {
        button.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !allowed.test(model.selectedProperty().get()), model.selectedProperty()));
    }

    @FXML
    private void openSubmit() {
        openSubmit.run();
    }

    @FXML
    private void retry() {
        act(t -> model.retry(t, false));
    }

    @FXML
    private void retryChain() {
        retrySelected(true);
    }

    @FXML
    private void resume() {
        act(model::resume);
    }

    @FXML
    private void approve() {
        act(model::approve);
    }

    @FXML
    private void allProjects() {
        project.setValue(null);
    }

    @FXML
    private void firstPage() {
        model.firstPage();
    }

    @FXML
    private void previousPage() {
        model.previousPage();
    }

    @FXML
    private void nextPage() {
        model.nextPage();
    }

    @FXML
    private void lastPage() {
        model.lastPage();
    }

    /** Cancel the selected task, once the user confirms (a running agent loses its work in progress). */
    @FXML
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

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    /** Adds or removes a style class only when it changes: each change costs the node a new CSS pass. */
    private static void mark(javafx.scene.Node node, String styleClass, boolean on) {
        if (node.getStyleClass().contains(styleClass) != on) {
            if (on) {
                node.getStyleClass().add(styleClass);
            } else {
                node.getStyleClass().remove(styleClass);
            }
        }
    }

    /** A row or cell that draws something from a task's waiting reason. */
    private interface ShowsReason {
        boolean shows(long taskId);

        void redraw();
    }

    /** A row, marked when its task cannot run as things stand. */
    private final class TaskRow extends TableRow<Task> implements ShowsReason {
        @Override
        protected void updateItem(Task item, boolean empty) {
            super.updateItem(item, empty);
            redraw();
        }

        @Override
        public boolean shows(long taskId) {
            return !isEmpty() && getItem() != null && getItem().id() == taskId;
        }

        @Override
        public void redraw() {
            Task item = getItem();
            mark(this, "stuck", !isEmpty() && item != null && model.stuck().contains(item.id()));
        }
    }

    /**
     * The status column: a badge per state (pending, blocked and draft each their own). The badge stays in the
     * cell, hidden while it is empty: taking it out and putting it back would cost it a new CSS pass each time
     * the table reuses its cells (every page turn empties them all first).
     */
    private static final class StatusCell extends TableCell<Task, Task> {
        private final Label badge = new Label();
        private TaskStatus drawn;

        StatusCell() {
            badge.setMinWidth(Region.USE_PREF_SIZE);
            badge.setVisible(false);
            setGraphic(badge);
        }

        @Override
        protected void updateItem(Task item, boolean empty) {
            super.updateItem(item, empty);
            badge.setVisible(!empty && item != null);
            if (empty || item == null || item.status() == drawn) {
                return;
            }
            drawn = item.status();
            badge.setText(StatusBadges.label(drawn));
            badge.getStyleClass().setAll(StatusBadges.styleClasses(drawn));
        }
    }

    /** The description, and under a waiting task why it waits (in red when it cannot run as things stand). */
    private final class DescriptionCell extends TableCell<Task, Task> implements ShowsReason {
        private final Label text = new Label();
        private final Label reason = new Label();
        private final VBox box = new VBox(1, text, reason);
        private String tip = "";

        DescriptionCell() {
            getStyleClass().add("elidable");
            text.getStyleClass().add("elidable");
            reason.getStyleClass().addAll("elidable", "waiting-reason");
            box.setMinWidth(0);
            // Like the status badge, the text stays in the cell and is hidden while the cell is empty.
            box.setVisible(false);
            setGraphic(box);
            // One tooltip for every description, given the text of the one under the pointer.
            Tooltip.install(box, descriptionTip);
            box.setOnMouseEntered(e -> descriptionTip.setText(tip));
        }

        @Override
        protected void updateItem(Task item, boolean empty) {
            super.updateItem(item, empty);
            box.setVisible(!empty && item != null);
            if (empty || item == null) {
                setAccessibleText(null);
                return;
            }
            redraw();
        }

        @Override
        public boolean shows(long taskId) {
            return !isEmpty() && getItem() != null && getItem().id() == taskId;
        }

        @Override
        public void redraw() {
            Task item = getItem();
            if (isEmpty() || item == null) {
                return;
            }
            String why = model.waiting().get(item.id());
            boolean show = why != null && WaitingReasons.waits(item);
            boolean stuck = show && model.stuck().contains(item.id());
            text.setText(firstLine(item.description()));
            if (stuck) {
                reason.setText("⚠ " + why);
            } else {
                String backend = item.backend() == null ? "" : item.backend().wire();
                String priority = item.priority() == null || item.priority() == dev.dobby.protocol.Priority.NORMAL
                        ? "" : "  ·  " + item.priority().wire() + " priority";
                reason.setText(backend + priority + (show ? "  ·  " + why : ""));
            }
            mark(reason, "stuck", stuck);
            setAccessibleText(item.description());
            tip = item.description() + (show ? "\n\n" + why : "");
            if (descriptionTip.isShowing() && descriptionTip.getOwnerNode() == box) {
                descriptionTip.setText(tip);
            }
        }
    }
}
