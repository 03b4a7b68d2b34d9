package dev.dobby.app;

import dev.dobby.app.flow.FlowView;
import dev.dobby.app.flow.FlowViewModel;
import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.fx.Problems;
import dev.dobby.app.heatmap.HeatmapView;
import dev.dobby.app.heatmap.HeatmapViewModel;
import dev.dobby.app.hub.HubConnection;
import dev.dobby.app.logs.LogView;
import dev.dobby.app.logs.LogViewModel;
import dev.dobby.app.network.NetworkView;
import dev.dobby.app.network.NetworkViewModel;
import dev.dobby.app.notify.InAppNotifier;
import dev.dobby.app.notify.Notice;
import dev.dobby.app.notify.NoticeRules;
import dev.dobby.app.notify.Notifier;
import dev.dobby.app.projects.ProjectsView;
import dev.dobby.app.projects.ProjectsViewModel;
import dev.dobby.app.settings.AppSettings;
import dev.dobby.app.settings.WindowPlacement;
import dev.dobby.app.shell.MainWindow;
import dev.dobby.app.shell.Page;
import dev.dobby.app.shell.StartingPane;
import dev.dobby.app.shell.StatusBarModel;
import dev.dobby.app.stats.StatsView;
import dev.dobby.app.stats.StatsViewModel;
import dev.dobby.app.tasks.SubmitDialog;
import dev.dobby.app.tasks.SubmitForm;
import dev.dobby.app.tasks.TaskDetailModel;
import dev.dobby.app.tasks.TaskDetailView;
import dev.dobby.app.tasks.TasksView;
import dev.dobby.app.tasks.TasksViewModel;
import dev.dobby.app.theme.OsTheme;
import dev.dobby.app.theme.Theme;
import dev.dobby.app.theme.ThemeModel;
import dev.dobby.app.tray.Tray;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.event.HubEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app put together: it shows the window at once in a "starting" state, opens the hub connection on a
 * background thread, then builds the views on the one {@link EventBridge}, and owns the lifecycle — closing the
 * window hides it, Quit stops the hub gracefully.
 */
public final class ControlCentre {
    private static final Logger log = LoggerFactory.getLogger(ControlCentre.class);
    static final Duration EVENT_INTERVAL = Duration.ofMillis(100);

    public enum Phase { STARTING, READY, FAILED, STOPPING, STOPPED }

    /**
     * How to run: which hub, what to say while it starts, extra notifiers (tests listen here), whether to try the
     * OS tray, and what to do once everything has stopped.
     */
    public record Setup(HubConnection.Opener opener, String startingText, List<Notifier> extraNotifiers,
                        boolean tray, Runnable exit, AppSettings settings) {
        public Setup {
            extraNotifiers = List.copyOf(extraNotifiers);
            settings = settings == null ? AppSettings.inMemory() : settings;
        }

        /** Settings kept in memory only: every start opens the default window. */
        public Setup(HubConnection.Opener opener, String startingText, List<Notifier> extraNotifiers, boolean tray,
                     Runnable exit) {
            this(opener, startingText, extraNotifiers, tray, exit, AppSettings.inMemory());
        }
    }

    /** When the steps of a start happened, for the benchmark and the smoke run. */
    public record Timings(Instant firstFrame, Instant hubReady, Instant windowReady) {
    }

    private final Stage stage;
    private final Setup setup;
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.STARTING);
    private final ThemeModel theme = new ThemeModel(t -> Application.setUserAgentStylesheet(t.stylesheet()));
    private final InAppNotifier inApp = new InAppNotifier();
    private final dev.dobby.app.notify.NoticeGroups groups = new dev.dobby.app.notify.NoticeGroups();
    private final List<Consumer<Timings>> readyListeners = new ArrayList<>();
    private HubConnection.Opener opener;
    private StartingPane startingPane;
    private Scene scene;
    private Instant firstFrame;
    private Instant hubReady;

    private HubConnection connection;
    private Background background;
    private EventBridge bridge;
    private Notifier primary = inApp;
    private Tray tray;
    private javafx.animation.Timeline probe;
    static final javafx.util.Duration PROBE_INTERVAL = javafx.util.Duration.seconds(2);

    private MainWindow window;
    private TasksViewModel tasks;
    private TaskDetailModel detail;
    private LogViewModel logs;
    private FlowViewModel flow;
    private NetworkViewModel network;
    private HeatmapViewModel heatmap;
    private ProjectsViewModel projects;
    private StatsViewModel stats;
    private dev.dobby.app.schedules.SchedulesViewModel schedules;
    private dev.dobby.app.costs.CostsViewModel costs;
    private dev.dobby.app.sessions.SessionsViewModel sessions;
    private dev.dobby.app.gpus.GpusViewModel gpus;
    private dev.dobby.app.batches.BatchesViewModel batches;
    private dev.dobby.app.usage.UsageViewModel usage;
    private StatusBarModel status;
    private TasksView tasksView;
    private ProjectsView projectsView;
    private NetworkView networkView;

    public ControlCentre(Stage stage, Setup setup) {
        this.stage = stage;
        this.setup = setup;
        this.opener = setup.opener();
    }

    /** Shows the window in its starting state and opens the hub in the background. Call on the FX thread. */
    public void start() {
        Platform.setImplicitExit(false);
        startingPane = new StartingPane(setup.startingText(), () -> connect(opener), this::askForRemoteHub,
                this::quit);
        WindowPlacement.Bounds bounds = defaultBounds();
        scene = new Scene(startingPane, bounds.width(), bounds.height());
        scene.getStylesheets().add(Objects.requireNonNull(
                ControlCentre.class.getResource("/dev/dobby/app/app.css")).toExternalForm());
        // The hub starts once the first frame is on its way: on two cores, starting it at once would make the
        // window appear later, and a window that shows "starting…" at once is the point.
        Runnable[] firstPulse = new Runnable[1];
        firstPulse[0] = () -> {
            scene.removePostLayoutPulseListener(firstPulse[0]);
            firstFrame = Instant.now();
            Platform.runLater(() -> connect(opener));
        };
        scene.addPostLayoutPulseListener(firstPulse[0]);
        stage.setTitle("Dobby");
        stage.setScene(scene);
        stage.setX(bounds.x());
        stage.setY(bounds.y());
        stage.setMinWidth(640);
        stage.setMinHeight(480);
        icons().forEach(stage.getIcons()::add);
        stage.setOnCloseRequest(event -> {
            event.consume();
            hideWindow();
        });
        stage.show();
        Thread.ofPlatform().name("dobby-app-os-theme").daemon().start(() ->
                OsTheme.detect(System.getProperty("os.name", ""), System.getenv())
                        .ifPresent(t -> Platform.runLater(() -> theme.osSays(t))));
    }

    /** Where the window opens: where it was last time, else a share of the primary screen. */
    private WindowPlacement.Bounds defaultBounds() {
        javafx.geometry.Rectangle2D primary = javafx.stage.Screen.getPrimary().getVisualBounds();
        List<WindowPlacement.Bounds> screens = javafx.stage.Screen.getScreens().stream()
                .map(s -> s.getVisualBounds())
                .map(r -> new WindowPlacement.Bounds(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight()))
                .toList();
        return WindowPlacement.choose(setup.settings().window(), new WindowPlacement.Bounds(primary.getMinX(),
                primary.getMinY(), primary.getWidth(), primary.getHeight()), screens);
    }

    private void rememberPlacement() {
        if (stage.isShowing() && !stage.isIconified() && !stage.isMaximized() && !stage.isFullScreen()) {
            setup.settings().window(new WindowPlacement.Bounds(stage.getX(), stage.getY(), stage.getWidth(),
                    stage.getHeight()));
        }
    }

    private static List<Image> icons() {
        List<Image> images = new ArrayList<>();
        for (int size : new int[] {16, 32, 64, 128, 256}) {
            var url = ControlCentre.class.getResource("/dev/dobby/app/icons/dobby-" + size + ".png");
            if (url != null) {
                images.add(new Image(url.toExternalForm(), true));
            }
        }
        return images;
    }

    private void connect(HubConnection.Opener how) {
        phase.set(Phase.STARTING);
        startingPane.starting(setup.startingText());
        scene.setRoot(startingPane);
        Thread.ofPlatform().name("dobby-app-connect").start(() -> {
            try {
                HubConnection opened = how.open();
                Platform.runLater(() -> connected(opened));
            } catch (RuntimeException | Error e) {
                log.warn("the hub did not start: {}", Problems.describe(e));
                Platform.runLater(() -> {
                    phase.set(Phase.FAILED);
                    startingPane.failed(Problems.describe(e));
                });
            }
        });
    }

    private void askForRemoteHub() {
        new dev.dobby.app.shell.AttachDialog(stage).showAndWait().ifPresent(chosen -> {
            opener = chosen;
            connect(chosen);
        });
    }

    private void connected(HubConnection opened) {
        if (phase.get() == Phase.STOPPING || phase.get() == Phase.STOPPED) {
            Thread.ofPlatform().start(opened::close);
            return;
        }
        hubReady = Instant.now();
        connection = opened;
        background = Background.pooled(Platform::runLater);
        bridge = new EventBridge(opened.api(), Platform::runLater, EVENT_INTERVAL);
        buildViews(opened);
        bridge.addListener(this::onEvents);
        bridge.start(this::refreshAll);
        status.onReconnected(() -> bridge.reconnect(this::refreshAll));
        if (!opened.embedded()) {
            // A hub elsewhere can die on its own: ask it every few seconds, so the status bar says so and the
            // views reload once it is back (the event streams resume by themselves).
            probe = new javafx.animation.Timeline(new javafx.animation.KeyFrame(PROBE_INTERVAL, e -> status.probe()));
            probe.setCycleCount(javafx.animation.Animation.INDEFINITE);
            probe.play();
        }
        scene.setRoot(window);
        phase.set(Phase.READY);
        stage.setTitle("Dobby — " + opened.address());
        if (setup.tray()) {
            Thread.ofPlatform().name("dobby-app-tray").daemon().start(this::installTray);
            Thread.ofPlatform().name("dobby-app-dock").daemon().start(() -> {
                dev.dobby.app.tray.DockBadge badge = dev.dobby.app.tray.DockBadge.ifSupported();
                if (badge != null) {
                    Platform.runLater(() -> status.runningProperty().addListener((obs, old, now) -> {
                        long running = now.longValue();
                        Thread.ofPlatform().daemon().start(() -> badge.show(running));
                    }));
                }
            });
        } else {
            status.noticesProperty().set("Notifications show in this window");
        }
        Runnable[] afterPulse = new Runnable[1];
        afterPulse[0] = () -> {
            scene.removePostLayoutPulseListener(afterPulse[0]);
            Timings timings = new Timings(firstFrame, hubReady, Instant.now());
            readyListeners.forEach(l -> l.accept(timings));
        };
        scene.addPostLayoutPulseListener(afterPulse[0]);
        Platform.requestNextPulse();
    }

    private void buildViews(HubConnection opened) {
        tasks = new TasksViewModel(opened.api(), background);
        detail = new TaskDetailModel(opened.api(), background);
        logs = new LogViewModel(LogViewModel.DEFAULT_MAX_LINES);
        flow = new FlowViewModel(opened.api(), background);
        network = new NetworkViewModel(opened.api(), background, opened.address());
        heatmap = new HeatmapViewModel(opened.api(), background);
        projects = new ProjectsViewModel(opened.api(), background);
        stats = new StatsViewModel(opened.api(), background);
        schedules = new dev.dobby.app.schedules.SchedulesViewModel(opened.api(), background);
        costs = new dev.dobby.app.costs.CostsViewModel(opened.api(), background);
        sessions = new dev.dobby.app.sessions.SessionsViewModel(opened.api(), background);
        gpus = new dev.dobby.app.gpus.GpusViewModel(opened.api(), background, java.time.Clock.systemUTC());
        batches = new dev.dobby.app.batches.BatchesViewModel(opened.api(), background);
        usage = new dev.dobby.app.usage.UsageViewModel(opened.api(), background, java.time.Clock.systemUTC(),
                java.time.ZoneId.systemDefault());
        status = new StatusBarModel(opened.api(), background, opened.address());
        tasks.selectedProperty().addListener((obs, old, now) -> {
            Long before = old == null ? null : old.id();
            Long after = now == null ? null : now.id();
            if (!Objects.equals(before, after)) {
                bridge.follow(after);
                detail.show(after);
            }
        });
        tasksView = new TasksView(tasks, new TaskDetailView(detail, tasks::select), new LogView(logs), new FlowView(flow),
                this::newTask, confirmer());
        Map<Page, Supplier<Node>> views = new EnumMap<>(Page.class);
        views.put(Page.TASKS, () -> tasksView);
        views.put(Page.NETWORK, this::networkView);
        views.put(Page.ACTIVITY, () -> new HeatmapView(heatmap));
        views.put(Page.PROJECTS, this::projectsView);
        views.put(Page.STATS, () -> new StatsView(stats));
        views.put(Page.COSTS, () -> new dev.dobby.app.costs.CostsView(costs));
        views.put(Page.LIVE, () -> new dev.dobby.app.live.LiveJobsView(
                new dev.dobby.app.live.LiveJobsViewModel(opened.api(), background), this::openTask));
        views.put(Page.SCHEDULES, () -> new dev.dobby.app.schedules.SchedulesView(schedules, confirmer(),
                this::openTask));
        views.put(Page.SESSIONS, () -> new dev.dobby.app.sessions.SessionsView(sessions,
                dev.dobby.app.sessions.LinkOpener::open));
        views.put(Page.GPUS, () -> new dev.dobby.app.gpus.GpusView(gpus));
        views.put(Page.BATCHES, () -> new dev.dobby.app.batches.BatchesView(batches, this::openTask));
        views.put(Page.USAGE, () -> new dev.dobby.app.usage.UsageView(usage));
        window = new MainWindow(views, new MenuActions(), status, theme, inApp, opened.embedded());
        window.onMute(project -> {
            groups.mute(project);
            inApp.latestProperty().set(null);
            tasks.messageProperty().set("Task endings of " + project + " are muted until Dobby restarts");
        });
        javafx.scene.control.CheckMenuItem confirm = new javafx.scene.control.CheckMenuItem(
                "Ask before cancel and retry chain");
        confirm.setId("confirm-setting");
        confirm.setSelected(setup.settings().confirmDestructive());
        confirm.setOnAction(e -> setup.settings().confirmDestructive(confirm.isSelected()));
        window.taskMenu().getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), confirm);
        status.pausedProperty().set(opened.embedded() && opened.dispatchPaused());
        tasks.messageProperty().addListener((obs, old, now) -> log.info("{}", now));
    }

    private dev.dobby.app.fx.Confirmer confirmer() {
        return dev.dobby.app.fx.Confirmer.dialog(() -> stage, setup.settings()::confirmDestructive);
    }

    private void refreshAll() {
        schedules.refresh();
        costs.refresh();
        tasks.refreshAll();
        network.refresh();
        heatmap.refresh();
        projects.refresh();
        stats.refresh();
        sessions.refresh();
        gpus.refresh();
        batches.refresh();
        usage.refresh();
        status.refresh();
    }

    private void onEvents(EventBridge.Batch batch) {
        tasks.onEvents(batch);
        detail.onEvents(batch);
        logs.onEvents(batch);
        flow.onEvents(batch);
        network.onEvents(batch);
        heatmap.onEvents(batch);
        projects.onEvents(batch);
        stats.onEvents(batch);
        schedules.onEvents(batch);
        costs.onEvents(batch);
        sessions.onEvents(batch);
        gpus.onEvents(batch);
        batches.onEvents(batch);
        usage.onEvents(batch);
        status.onEvents(batch);
        for (HubEvent event : batch.hub()) {
            NoticeRules.noticeFor(event).ifPresent(this::notice);
        }
    }

    private void notice(Notice raw) {
        Optional<Notice> shown = groups.add(raw);
        if (shown.isEmpty()) {
            return;
        }
        Notice notice = shown.get();
        primary.show(notice);
        for (Notifier extra : setup.extraNotifiers()) {
            extra.show(notice);
        }
    }

    private void installTray() {
        Optional<String> missing = Tray.unavailableReason();
        Optional<Tray> installed = missing.isPresent() ? Optional.empty() : Tray.install(new Tray.Actions(
                () -> Platform.runLater(this::showWindow),
                paused -> Platform.runLater(() -> setPaused(paused)),
                () -> Platform.runLater(this::quit),
                connection.embedded()));
        Platform.runLater(() -> {
            if (installed.isPresent()) {
                tray = installed.get();
                primary = tray.notifier();
                status.noticesProperty().set("Notifications: system tray");
            } else {
                status.noticesProperty().set("No system tray (" + missing.orElse("the OS refused the icon")
                        + "): notifications show in this window; launch Dobby again to bring a hidden window back");
            }
        });
    }

    // ---- window and lifecycle

    public void showWindow() {
        if (phase.get() == Phase.STOPPING || phase.get() == Phase.STOPPED) {
            return;
        }
        stage.setIconified(false);
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    public void hideWindow() {
        rememberPlacement();
        stage.hide();
    }

    public void setPaused(boolean paused) {
        if (connection == null || !connection.embedded()) {
            return;
        }
        background.call(() -> {
            connection.pauseDispatch(paused);
            return connection.dispatchPaused();
        }, now -> {
            status.pausedProperty().set(now);
            if (tray != null) {
                tray.showPaused(now);
            }
        }, e -> tasks.messageProperty().set(Problems.describe(e)));
    }

    /** Stops everything in order: live events, the tray, then the hub (gracefully, off the FX thread). */
    public void quit() {
        if (phase.get() == Phase.STOPPING || phase.get() == Phase.STOPPED) {
            return;
        }
        phase.set(Phase.STOPPING);
        if (probe != null) {
            probe.stop();
        }
        rememberPlacement();
        stage.hide();
        if (bridge != null) {
            bridge.close();
        }
        if (tray != null) {
            tray.remove();
        }
        HubConnection open = connection;
        Background calls = background;
        Thread.ofPlatform().name("dobby-app-stop").start(() -> {
            if (calls != null) {
                calls.close();
            }
            if (open != null) {
                open.close();
            }
            Platform.runLater(() -> {
                phase.set(Phase.STOPPED);
                setup.exit().run();
            });
        });
    }

    /**
     * For a JVM that is going down anyway (the OS logs out, a SIGTERM): stop the hub now, on this thread. Safe
     * after {@link #quit()}: stopping twice does nothing.
     */
    public void stopHubNow() {
        HubConnection open = connection;
        if (open != null) {
            open.close();
        }
    }

    /** Runs once the main window has drawn after the hub came up. */
    public void onReady(Consumer<Timings> listener) {
        readyListeners.add(listener);
    }

    // ---- actions

    void newTask() {
        if (tasks == null) {
            return;
        }
        window.show(Page.TASKS);
        SubmitForm form = new SubmitForm();
        SubmitDialog dialog = new SubmitDialog(stage, form, tasks.projects(), tasks::previewSchedule,
                tasks::workers);
        dialog.showAndWait().ifPresent(request -> {
            if (form.isSchedule()) {
                tasks.schedule(request, schedules::refresh);
            } else {
                tasks.submit(request, created -> { });
            }
        });
    }

    private final class MenuActions implements MainWindow.Actions {
        @Override
        public void newTask() {
            ControlCentre.this.newTask();
        }

        @Override
        public void registerProject() {
            window.show(Page.PROJECTS);
            projectsView().openRegister();
        }

        @Override
        public void cancelSelected() {
            window.show(Page.TASKS);
            tasksView.cancelSelected();
        }

        @Override
        public void retrySelected(boolean cascade) {
            window.show(Page.TASKS);
            tasksView.retrySelected(cascade);
        }

        @Override
        public void approveSelected() {
            selected().filter(TasksViewModel::canApprove).ifPresent(tasks::approve);
        }

        @Override
        public void findTasks() {
            window.show(Page.TASKS);
            tasksView.focusSearch();
        }

        @Override
        public void showLog() {
            window.show(Page.TASKS);
            tasksView.showLog();
        }

        @Override
        public void showFlow() {
            window.show(Page.TASKS);
            tasksView.showFlow();
        }

        @Override
        public void hideWindow() {
            ControlCentre.this.hideWindow();
        }

        @Override
        public void quit() {
            ControlCentre.this.quit();
        }

        @Override
        public void setPaused(boolean paused) {
            ControlCentre.this.setPaused(paused);
        }

        @Override
        public void copyAddress() {
            ClipboardContent content = new ClipboardContent();
            content.putString(connection.address());
            Clipboard.getSystemClipboard().setContent(content);
        }

        private Optional<Task> selected() {
            return Optional.ofNullable(tasks.selectedProperty().get());
        }
    }

    // ---- what tests and the launcher look at

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    public Stage stage() {
        return stage;
    }

    public HubConnection connection() {
        return connection;
    }

    public ThemeModel theme() {
        return theme;
    }

    public InAppNotifier inAppNotifier() {
        return inApp;
    }

    public MainWindow window() {
        return window;
    }

    public TasksViewModel tasks() {
        return tasks;
    }

    public TasksView tasksView() {
        return tasksView;
    }

    /** Views other than the task list are built the first time they are shown: start-up pays only for one. */
    public ProjectsView projectsView() {
        if (projectsView == null) {
            projectsView = new ProjectsView(projects);
        }
        return projectsView;
    }

    public NetworkView networkView() {
        if (networkView == null) {
            networkView = new NetworkView(network);
        }
        return networkView;
    }

    private void openTask(long id) {
        window.show(Page.TASKS);
        tasks.select(id);
    }

    public LogViewModel logs() {
        return logs;
    }

    public FlowViewModel flow() {
        return flow;
    }

    public NetworkViewModel network() {
        return network;
    }

    public HeatmapViewModel heatmap() {
        return heatmap;
    }

    public dev.dobby.app.schedules.SchedulesViewModel schedules() {
        return schedules;
    }

    public dev.dobby.app.costs.CostsViewModel costs() {
        return costs;
    }

    public dev.dobby.app.batches.BatchesViewModel batches() {
        return batches;
    }

    public StatsViewModel stats() {
        return stats;
    }

    public StatusBarModel status() {
        return status;
    }

    public EventBridge bridge() {
        return bridge;
    }

    public Theme currentTheme() {
        return theme.theme();
    }
}
