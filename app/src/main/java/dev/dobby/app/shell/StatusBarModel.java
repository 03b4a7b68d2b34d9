package dev.dobby.app.shell;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.fx.Reloader;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.SpokeChanged;
import dev.dobby.protocol.event.TaskStatusChanged;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The status bar: where the hub answers, how many workers are online, how many tasks run, whether paused. */
public final class StatusBarModel {
    private record Counts(int workers, long running) {
    }

    private final StringProperty address = new SimpleStringProperty("");
    private final IntegerProperty workers = new SimpleIntegerProperty();
    private final LongProperty running = new SimpleLongProperty();
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final StringProperty notices = new SimpleStringProperty("");
    private final StringProperty text = new SimpleStringProperty("");
    private final BooleanProperty reachable = new SimpleBooleanProperty(true);
    private final Reloader<Counts> loader;
    private final Reloader<Boolean> prober;
    private Runnable onBack = () -> { };

    public StatusBarModel(HubApi api, Background background, String hubAddress) {
        address.set(hubAddress);
        prober = new Reloader<>(background, () -> {
            api.health();
            return true;
        }, ok -> reachable(true), e -> reachable(false));
        loader = new Reloader<>(background, () -> {
            List<Spoke> spokes = api.spokes();
            int online = (int) spokes.stream().filter(s -> s.state() == Spoke.State.ONLINE
                    || s.state() == Spoke.State.DRAINING).count();
            return new Counts(online, api.stats().byStatus().getOrDefault(TaskStatus.RUNNING, 0L));
        }, counts -> {
            workers.set(counts.workers());
            running.set(counts.running());
        }, e -> prober.request());
        workers.addListener(o -> compose());
        running.addListener(o -> compose());
        paused.addListener(o -> compose());
        reachable.addListener(o -> compose());
        compose();
    }

    /** Asks the hub whether it answers; a remote hub is asked every few seconds so that its loss shows. */
    public void probe() {
        prober.request();
    }

    /** What to do when a hub that stopped answering answers again (reload what was missed). */
    public void onReconnected(Runnable action) {
        onBack = action;
    }

    private void reachable(boolean now) {
        boolean before = reachable.get();
        reachable.set(now);
        if (now && !before) {
            loader.request();
            onBack.run();
        }
    }

    public void refresh() {
        loader.request();
    }

    public void onEvents(EventBridge.Batch batch) {
        for (HubEvent event : batch.hub()) {
            if (event instanceof SpokeChanged || event instanceof TaskStatusChanged) {
                loader.request();
                return;
            }
        }
    }

    private void compose() {
        if (!reachable.get()) {
            text.set("Hub " + address.get() + " is unreachable  ·  reconnecting…");
            return;
        }
        text.set("Hub " + address.get() + "  ·  " + workers.get() + (workers.get() == 1 ? " worker" : " workers")
                + " online  ·  " + running.get() + " running" + (paused.get() ? "  ·  dispatch paused" : ""));
    }

    public StringProperty textProperty() {
        return text;
    }

    /** Whether the hub answered the last call; false while it is down (the app keeps trying). */
    public BooleanProperty reachableProperty() {
        return reachable;
    }

    public IntegerProperty workersProperty() {
        return workers;
    }

    public LongProperty runningProperty() {
        return running;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** How notices reach the user ("tray" or the in-app fallback and why). */
    public StringProperty noticesProperty() {
        return notices;
    }
}
