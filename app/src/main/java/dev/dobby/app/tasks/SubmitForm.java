package dev.dobby.app.tasks;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The submit dialog's fields and the request they make. Backend and priority left empty mean the project's
 * defaults. With cron or every (one of them) it makes a schedule instead of a task.
 */
public final class SubmitForm {
    public static final String SCHEDULE_NOTE = "Fill in cron or every to queue a run at each firing instead of"
            + " once; the preview shows the next firings on the hub's clock.";

    private final StringProperty description = new SimpleStringProperty("");
    private final StringProperty project = new SimpleStringProperty();
    private final ObjectProperty<Priority> priority = new SimpleObjectProperty<>();
    private final ObjectProperty<Backend> backend = new SimpleObjectProperty<>();
    private final StringProperty timeoutMinutes = new SimpleStringProperty("");
    private final StringProperty dependsOn = new SimpleStringProperty("");
    private final BooleanProperty draft = new SimpleBooleanProperty();
    private final StringProperty cron = new SimpleStringProperty("");
    private final StringProperty every = new SimpleStringProperty("");

    /** What is wrong with the fields, if anything, in one sentence. */
    public Optional<String> problem() {
        if (description.get() == null || description.get().isBlank()) {
            return Optional.of("Describe the task.");
        }
        if (project.get() == null || project.get().isBlank()) {
            return Optional.of("Choose a project (register one under Projects first).");
        }
        try {
            timeout();
            parents();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (cron() != null && every() != null) {
            return Optional.of("A schedule takes cron or every, not both.");
        }
        if (isSchedule() && draft.get()) {
            return Optional.of("A schedule cannot be a draft: clear cron and every, or untick draft.");
        }
        if (isSchedule() && !parents().isEmpty()) {
            return Optional.of("A schedule's runs cannot depend on other tasks.");
        }
        return Optional.empty();
    }

    /** Whether this queues a schedule (runs at each firing) rather than one task. */
    public boolean isSchedule() {
        return cron() != null || every() != null;
    }

    /** The cron expression, or null when blank. */
    public String cron() {
        return cron.get() == null || cron.get().isBlank() ? null : cron.get().strip();
    }

    /** The interval, or null when blank. */
    public String every() {
        return every.get() == null || every.get().isBlank() ? null : every.get().strip();
    }

    public NewTask toRequest() {
        problem().ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        NewTask request = NewTask.of(description.get().strip(), project.get())
                .withPriority(priority.get())
                .withBackend(backend.get())
                .withTimeout(timeout());
        List<Long> parents = parents();
        if (!parents.isEmpty()) {
            request = request.withDependsOn(parents);
        }
        if (draft.get()) {
            request = request.withDraft(true);
        }
        if (cron() != null) {
            request = request.withCron(cron());
        } else if (every() != null) {
            request = request.withEvery(every());
        }
        return request;
    }

    private Integer timeout() {
        String text = timeoutMinutes.get() == null ? "" : timeoutMinutes.get().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            int minutes = Integer.parseInt(text);
            if (minutes < 1 || minutes > 7 * 24 * 60) {
                throw new NumberFormatException();
            }
            return minutes * 60;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Timeout is a whole number of minutes, from 1 to 10080.");
        }
    }

    private List<Long> parents() {
        String text = dependsOn.get() == null ? "" : dependsOn.get().strip();
        List<Long> ids = new ArrayList<>();
        if (text.isEmpty()) {
            return ids;
        }
        for (String part : text.split("[,\\s]+")) {
            String id = part.startsWith("#") ? part.substring(1) : part;
            try {
                long value = Long.parseLong(id);
                if (value <= 0) {
                    throw new NumberFormatException();
                }
                ids.add(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Depends on takes task numbers like 12, 15 — not '" + part + "'.");
            }
        }
        return ids;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public StringProperty projectProperty() {
        return project;
    }

    public ObjectProperty<Priority> priorityProperty() {
        return priority;
    }

    public ObjectProperty<Backend> backendProperty() {
        return backend;
    }

    public StringProperty timeoutMinutesProperty() {
        return timeoutMinutes;
    }

    public StringProperty dependsOnProperty() {
        return dependsOn;
    }

    public BooleanProperty draftProperty() {
        return draft;
    }

    public StringProperty cronProperty() {
        return cron;
    }

    public StringProperty everyProperty() {
        return every;
    }
}
