package dev.dobby.app.projects;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.fx.Problems;
import dev.dobby.app.fx.Reloader;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.event.ProjectChanged;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Registered projects, registering a new one, and changing a project's policy. */
public final class ProjectsViewModel {
    private final HubApi api;
    private final Background background;
    private final ObservableList<Project> projects = FXCollections.observableArrayList();
    private final ObjectProperty<Project> selected = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final Reloader<List<Project>> loader;

    public ProjectsViewModel(HubApi api, Background background) {
        this.api = api;
        this.background = background;
        this.loader = new Reloader<>(background, api::projects, this::loaded, this::failed);
    }

    public void refresh() {
        loader.request();
    }

    public void onEvents(EventBridge.Batch batch) {
        if (batch.hub().stream().anyMatch(ProjectChanged.class::isInstance)) {
            loader.request();
        }
    }

    private void loaded(List<Project> list) {
        String chosen = selected.get() == null ? null : selected.get().name();
        projects.setAll(list.stream().sorted(Comparator.comparing(Project::name)).toList());
        if (chosen != null) {
            selected.set(projects.stream().filter(p -> p.name().equals(chosen)).findFirst().orElse(null));
        }
    }

    private void failed(Throwable error) {
        message.set(Problems.describe(error));
    }

    public void register(NewProject request, Consumer<Project> done) {
        background.call(() -> api.registerProject(request), project -> {
            message.set("Registered " + project.name());
            loader.request();
            done.accept(project);
        }, this::failed);
    }

    public void updatePolicy(String name, ProjectPolicy policy, Consumer<Project> done) {
        background.call(() -> api.updateProject(name, policy), project -> {
            message.set("Saved the policy of " + project.name());
            loader.request();
            done.accept(project);
        }, this::failed);
    }

    public ObservableList<Project> projects() {
        return projects;
    }

    public ObjectProperty<Project> selectedProperty() {
        return selected;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
