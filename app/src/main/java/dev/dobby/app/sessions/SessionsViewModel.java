package dev.dobby.app.sessions;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.fx.Problems;
import dev.dobby.app.fx.Reloader;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.Session;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskCreated;
import dev.dobby.protocol.event.TaskProgress;
import dev.dobby.protocol.event.TaskStatusChanged;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The hub's Remote Control sessions, newest first, reloaded when a task starts, changes or prints. */
public final class SessionsViewModel {
    private final HubApi api;
    private final Background background;
    private final ObservableList<Session> sessions = FXCollections.observableArrayList();
    private final StringProperty problem = new SimpleStringProperty("");
    private final Reloader<List<Session>> loader;

    public SessionsViewModel(HubApi api, Background background) {
        this.api = api;
        this.background = background;
        this.loader = new Reloader<>(background, () -> api.sessions(false), this::loaded,
                e -> problem.set(Problems.describe(e)));
    }

    public ObservableList<Session> sessions() {
        return sessions;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public void refresh() {
        loader.request();
    }

    public void onEvents(EventBridge.Batch batch) {
        for (HubEvent event : batch.hub()) {
            if (event instanceof TaskCreated || event instanceof TaskStatusChanged || event instanceof TaskProgress) {
                loader.request();
                return;
            }
        }
    }

    /** Stop a session: its task is cancelled, which stops the CLI on its worker. */
    public void stop(long id) {
        background.call(() -> api.cancelTask(id), task -> refresh(), e -> problem.set(Problems.describe(e)));
    }

    private void loaded(List<Session> list) {
        problem.set("");
        sessions.setAll(list);
    }
}
