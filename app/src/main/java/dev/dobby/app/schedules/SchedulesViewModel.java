package dev.dobby.app.schedules;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.fx.Problems;
import dev.dobby.app.fx.Reloader;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.Schedule;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPage;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskCreated;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The schedules: when each fires next and last fired, hold, let go and stop them, and the runs of the selected one. */
public final class SchedulesViewModel {
    static final int RUNS = 50;

    private final HubApi api;
    private final Background background;
    private final ObservableList<Schedule> schedules = FXCollections.observableArrayList();
    private final ObservableList<Task> runs = FXCollections.observableArrayList();
    private final ObjectProperty<Schedule> selected = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final Reloader<List<Schedule>> loader;
    private final Reloader<TaskPage> runLoader;

    public SchedulesViewModel(HubApi api, Background background) {
        this.api = api;
        this.background = background;
        loader = new Reloader<>(background, () -> api.schedules(null), this::show,
                e -> message.set(Problems.describe(e)));
        runLoader = new Reloader<>(background, () -> {
            Schedule chosen = selected.get();
            return chosen == null ? new TaskPage(List.of(), 0, RUNS, 0) : api.scheduleRuns(chosen.id(), RUNS, 0);
        }, page -> runs.setAll(page.tasks()), e -> message.set(Problems.describe(e)));
        selected.addListener((obs, old, now) -> {
            if (old == null || now == null || old.id() != now.id()) {
                runLoader.request();
            }
        });
    }

    public void refresh() {
        loader.request();
        runLoader.request();
    }

    private void show(List<Schedule> list) {
        Schedule chosen = selected.get();
        schedules.setAll(list);
        if (chosen != null) {
            list.stream().filter(s -> s.id() == chosen.id()).findFirst().ifPresent(selected::set);
        }
    }

    /** A schedule's run is queued as a task: the list's next and last run times moved. */
    public void onEvents(EventBridge.Batch batch) {
        for (HubEvent event : batch.hub()) {
            if (event instanceof TaskCreated) {
                refresh();
                return;
            }
        }
    }

    public void pause(Schedule schedule) {
        act(() -> api.pauseSchedule(schedule.id()), "Paused schedule #" + schedule.id());
    }

    public void resume(Schedule schedule) {
        act(() -> api.resumeSchedule(schedule.id()), "Schedule #" + schedule.id() + " runs again");
    }

    public void cancel(Schedule schedule) {
        act(() -> api.cancelSchedule(schedule.id()), "Stopped schedule #" + schedule.id());
    }

    private void act(Callable<Schedule> call, String done) {
        background.call(call, changed -> {
            message.set(done);
            selected.set(changed);
            loader.request();
        }, e -> message.set(Problems.describe(e)));
    }

    public static boolean canPause(Schedule schedule) {
        return schedule != null && schedule.state() == Schedule.State.ACTIVE;
    }

    public static boolean canResume(Schedule schedule) {
        return schedule != null && schedule.state() == Schedule.State.PAUSED;
    }

    public static boolean canCancel(Schedule schedule) {
        return schedule != null && schedule.state() != Schedule.State.CANCELLED;
    }

    /** "cron 0 9 * * 1-5" or "every 6h". */
    public static String when(Schedule schedule) {
        return schedule.cron() != null ? "cron " + schedule.cron() : "every " + schedule.every();
    }

    public ObservableList<Schedule> schedules() {
        return schedules;
    }

    public ObservableList<Task> runs() {
        return runs;
    }

    public ObjectProperty<Schedule> selectedProperty() {
        return selected;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
