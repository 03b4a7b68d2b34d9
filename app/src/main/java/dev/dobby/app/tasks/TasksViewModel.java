package dev.dobby.app.tasks;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.fx.Problems;
import dev.dobby.app.fx.Reloader;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPage;
import dev.dobby.protocol.TaskPatch;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.ProjectChanged;
import dev.dobby.protocol.event.TaskCreated;
import dev.dobby.protocol.event.TaskFinished;
import dev.dobby.protocol.event.TaskStatusChanged;
import dev.dobby.protocol.event.TaskUpdated;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The task table: what it shows (filtered by status, project and text), which task is selected, and the actions
 * on tasks. Every change on the hub re-reads the current page, at most one read at a time.
 */
public final class TasksViewModel {
    static final int PAGE = 200;

    private final HubApi api;
    private final Background background;
    private final ObservableList<Task> tasks = FXCollections.observableArrayList();
    private final ObservableList<String> projects = FXCollections.observableArrayList();
    private final ObservableList<TaskStatus> statuses = FXCollections.observableArrayList();
    private final StringProperty project = new SimpleStringProperty();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<Task> selected = new SimpleObjectProperty<>();
    private final LongProperty total = new SimpleLongProperty();
    private final StringProperty message = new SimpleStringProperty();
    private final javafx.beans.property.IntegerProperty offset = new javafx.beans.property.SimpleIntegerProperty();
    private final javafx.collections.ObservableMap<Long, String> waiting = FXCollections.observableHashMap();
    private final javafx.collections.ObservableSet<Long> stuck = FXCollections.observableSet();
    private final Reloader<TaskPage> taskLoader;
    private final Reloader<List<Project>> projectLoader;

    public TasksViewModel(HubApi api, Background background) {
        this.api = api;
        this.background = background;
        this.taskLoader = new Reloader<>(background, () -> api.listTasks(query()), this::show, this::failed);
        this.projectLoader = new Reloader<>(background, api::projects,
                list -> projects.setAll(list.stream().map(Project::name).sorted().toList()), this::failed);
        statuses.addListener((javafx.collections.ListChangeListener<TaskStatus>) change -> firstPage());
        project.addListener((obs, old, now) -> firstPage());
        search.addListener((obs, old, now) -> firstPage());
        offset.addListener((obs, old, now) -> refresh());
    }

    TaskQuery query() {
        String text = search.get() == null || search.get().isBlank() ? null : search.get().strip();
        String only = project.get() == null || project.get().isBlank() ? null : project.get();
        return TaskQuery.all().withStatuses(List.copyOf(statuses)).withProject(only).withText(text).withPage(PAGE,
                offset.get());
    }

    public void refresh() {
        taskLoader.request();
    }

    public void refreshAll() {
        taskLoader.request();
        projectLoader.request();
    }

    /** Shows a page; the hub sends with it why each of its waiting tasks waits, and which cannot run as things stand. */
    private void show(TaskPage page) {
        Task current = selected.get();
        if (page.tasks().isEmpty() && page.offset() > 0 && page.total() > 0) {
            // Fewer tasks than before: the page in view no longer exists, so show the last one that does.
            offset.set((int) ((page.total() - 1) / PAGE * PAGE));
            return;
        }
        java.util.Map<Long, String> reasons = new java.util.HashMap<>();
        page.waiting().forEach((id, why) -> reasons.put(id, why.reason()));
        // Stuck first: views redraw when a reason changes, and must then see the flag that goes with it.
        List<Long> cannotRun = page.waiting().entrySet().stream().filter(e -> e.getValue().stuck())
                .map(java.util.Map.Entry::getKey).toList();
        stuck.retainAll(cannotRun);
        stuck.addAll(cannotRun);
        waiting.keySet().retainAll(reasons.keySet());
        waiting.putAll(reasons);
        tasks.setAll(page.tasks());
        total.set(page.total());
        if (current != null) {
            page.tasks().stream().filter(t -> t.id() == current.id()).findFirst().ifPresent(selected::set);
        }
    }

    private void failed(Throwable error) {
        message.set(Problems.describe(error));
    }

    /** Live events: anything about tasks re-reads the page; a new project joins the filter list. */
    public void onEvents(EventBridge.Batch batch) {
        boolean tasksChanged = false;
        boolean projectsChanged = false;
        for (HubEvent event : batch.hub()) {
            switch (event) {
                case TaskCreated e -> tasksChanged = true;
                case TaskStatusChanged e -> tasksChanged = true;
                case TaskUpdated e -> tasksChanged = true;
                case TaskFinished e -> tasksChanged = true;
                case ProjectChanged e -> projectsChanged = true;
                default -> { }
            }
        }
        if (tasksChanged) {
            taskLoader.request();
        }
        if (projectsChanged) {
            projectLoader.request();
        }
    }

    /** Selects a task by number (a dependency link), whether or not it is on the page in view. */
    public void select(long id) {
        tasks.stream().filter(t -> t.id() == id).findFirst().ifPresentOrElse(selected::set,
                () -> background.call(() -> api.getTask(id), selected::set, this::failed));
    }

    // ---- pages: the newest PAGE tasks first, then older ones

    public void firstPage() {
        if (offset.get() == 0) {
            refresh();
        }
        offset.set(0);
    }

    public void nextPage() {
        if (offset.get() + PAGE < total.get()) {
            offset.set(offset.get() + PAGE);
        }
    }

    public void previousPage() {
        offset.set(Math.max(0, offset.get() - PAGE));
    }

    public void lastPage() {
        offset.set((int) (Math.max(0, total.get() - 1) / PAGE * PAGE));
    }

    /** "201–400 of 2,064 tasks", or "No tasks". */
    public static String range(int from, int shown, long total) {
        if (total == 0) {
            return "No tasks";
        }
        return String.format(java.util.Locale.ROOT, "%,d–%,d of %,d task%s", shown == 0 ? from : from + 1,
                from + shown, total, total == 1 ? "" : "s");
    }

    public javafx.beans.property.IntegerProperty offsetProperty() {
        return offset;
    }

    /** Why each waiting task on this page has not started (pending, blocked and draft ones), by task id. */
    public javafx.collections.ObservableMap<Long, String> waiting() {
        return waiting;
    }

    /** The waiting tasks on this page that the hub says cannot run until someone acts (a failed parent, no worker). */
    public javafx.collections.ObservableSet<Long> stuck() {
        return stuck;
    }

    // ---- actions

    public void submit(NewTask request, Consumer<Task> onCreated) {
        act(() -> api.createTask(request), task -> {
            message.set("Queued task #" + task.id());
            onCreated.accept(task);
        });
    }

    /** Creates a schedule from the form's request (it has cron or every). */
    public void schedule(NewTask request, Runnable then) {
        background.call(() -> api.createSchedule(request), created -> {
            message.set("Scheduled #" + created.id() + (created.nextRunAt() == null ? ""
                    : ": first run " + Times.when(created.nextRunAt(), zone(created.timeZone()))));
            then.run();
        }, this::failed);
    }

    /** The next three firings of a schedule in words, or what is wrong with its expression. */
    public void previewSchedule(String cron, String every, Consumer<String> show) {
        background.call(() -> api.previewSchedule(cron, every, dev.dobby.protocol.SchedulePreview.DEFAULT_COUNT),
                preview -> show.accept("Next: " + preview.next().stream()
                        .map(at -> Times.when(at, zone(preview.timeZone())))
                        .collect(java.util.stream.Collectors.joining(", "))
                        + " (" + preview.timeZone() + ")"),
                e -> show.accept(Problems.describe(e)));
    }

    /** The names of the workers the hub knows, for the New-task dialog to offer; none when it cannot say. */
    public void workers(Consumer<java.util.List<String>> show) {
        background.call(api::spokes, spokes -> show.accept(spokes.stream().map(dev.dobby.protocol.Spoke::id)
                .sorted().toList()), e -> show.accept(java.util.List.of()));
    }

    private static java.time.ZoneId zone(String name) {
        try {
            return name == null ? java.time.ZoneId.systemDefault() : java.time.ZoneId.of(name);
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneId.systemDefault();
        }
    }

    public void cancel(Task task) {
        act(() -> api.cancelTask(task.id()), t -> message.set("Cancelled task #" + t.id()));
    }

    public void retry(Task task, boolean cascade) {
        act(() -> api.retryTask(task.id(), cascade), t -> message.set("Queued task #" + t.id() + " again"
                + (cascade ? " with the tasks that wait on it" : "")));
    }

    public void resume(Task task) {
        act(() -> api.resumeTask(task.id(), null), t -> message.set("Task #" + t.id()
                + " will continue its agent's session"));
    }

    public void approve(Task task) {
        act(() -> api.updateTask(task.id(), TaskPatch.approve()), t -> message.set("Approved draft #" + t.id()));
    }

    private void act(java.util.concurrent.Callable<Task> call, Consumer<Task> then) {
        background.call(call, task -> {
            then.accept(task);
            taskLoader.request();
        }, this::failed);
    }

    public static boolean canCancel(Task task) {
        return task != null && !task.status().isTerminal();
    }

    public static boolean canRetry(Task task) {
        return task != null && task.status().isRetryable();
    }

    /** An ended Claude Code or Codex task: its agent's session can be continued. */
    public static boolean canResume(Task task) {
        return canRetry(task) && (task.backend() == dev.dobby.protocol.Backend.CLAUDE
                || task.backend() == dev.dobby.protocol.Backend.CODEX);
    }

    public static boolean canApprove(Task task) {
        return task != null && task.status() == TaskStatus.DRAFT;
    }

    // ---- what the view binds to

    public ObservableList<Task> tasks() {
        return tasks;
    }

    public ObservableList<String> projects() {
        return projects;
    }

    /** The statuses to show; empty shows all. */
    public ObservableList<TaskStatus> statuses() {
        return statuses;
    }

    public StringProperty projectProperty() {
        return project;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<Task> selectedProperty() {
        return selected;
    }

    public LongProperty totalProperty() {
        return total;
    }

    /** The outcome of the last action, or the last problem, in one sentence. */
    public StringProperty messageProperty() {
        return message;
    }
}
