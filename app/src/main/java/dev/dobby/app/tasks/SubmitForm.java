package dev.dobby.app.tasks;

import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The submit dialog's fields and the request they make. Backend, priority, timeout and model left empty mean the
 * project's (or the agent's) defaults; worker and tags left empty mean any worker. With cron or every (one of
 * them) it makes a schedule instead of a task.
 */
public final class SubmitForm {
    /** The hub's rule for worker names and tags. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The hub's rule for model names. */
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._:/\\[\\]-]{1,100}");

    /** The field a problem is about, so the dialog can point at it. */
    public enum Field { DESCRIPTION, PROJECT, TIMEOUT, DEPENDS_ON, MODEL, WORKER, TAGS, SCHEDULE, DRAFT }

    /** What is wrong, and in which field. */
    public record Problem(Field field, String message) {
    }

    private final StringProperty description = new SimpleStringProperty("");
    private final StringProperty project = new SimpleStringProperty();
    private final ObjectProperty<Priority> priority = new SimpleObjectProperty<>();
    private final ObjectProperty<Backend> backend = new SimpleObjectProperty<>();
    private final StringProperty timeoutMinutes = new SimpleStringProperty("");
    private final StringProperty dependsOn = new SimpleStringProperty("");
    private final BooleanProperty draft = new SimpleBooleanProperty();
    private final StringProperty cron = new SimpleStringProperty("");
    private final StringProperty every = new SimpleStringProperty("");
    private final StringProperty model = new SimpleStringProperty("");
    private final StringProperty worker = new SimpleStringProperty("");
    private final StringProperty tags = new SimpleStringProperty("");
    private final BooleanProperty worktree = new SimpleBooleanProperty();

    /** What is wrong with the fields, if anything, in one sentence. */
    public Optional<String> problem() {
        return check().map(Problem::message);
    }

    /** The first field that is wrong, if any, with what is wrong with it. */
    public Optional<Problem> check() {
        if (description.get() == null || description.get().isBlank()) {
            return problem(Field.DESCRIPTION, "Describe the task.");
        }
        if (project.get() == null || project.get().isBlank()) {
            return problem(Field.PROJECT, "Choose a project (register one under Projects first).");
        }
        try {
            timeout();
        } catch (IllegalArgumentException e) {
            return problem(Field.TIMEOUT, e.getMessage());
        }
        try {
            parents();
        } catch (IllegalArgumentException e) {
            return problem(Field.DEPENDS_ON, e.getMessage());
        }
        if (model() != null && !MODEL.matcher(model()).matches()) {
            return problem(Field.MODEL, "Model is a model name such as claude-sonnet-4-5 or gpt-5-codex: letters,"
                    + " digits and . _ : / - only.");
        }
        if (worker() != null && !NAME.matcher(worker()).matches()) {
            return problem(Field.WORKER, "Worker is one worker's name, such as gpu-box: letters, digits, '.', '_'"
                    + " or '-'.");
        }
        for (String tag : tags()) {
            if (!NAME.matcher(tag).matches()) {
                return problem(Field.TAGS, "Worker tags are names such as gpu, linux separated by commas — not '"
                        + tag + "'.");
            }
        }
        if (cron() != null && every() != null) {
            return problem(Field.SCHEDULE, "A schedule takes cron or every, not both.");
        }
        if (isSchedule() && draft.get()) {
            return problem(Field.DRAFT, "A schedule cannot be a draft: clear cron and every, or untick draft.");
        }
        if (isSchedule() && !parents().isEmpty()) {
            return problem(Field.DEPENDS_ON, "A schedule's runs cannot depend on other tasks.");
        }
        return Optional.empty();
    }

    private static Optional<Problem> problem(Field field, String message) {
        return Optional.of(new Problem(field, message));
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
        if (worktree.get()) {
            request = request.withWorktree(true);
        }
        if (worker() != null || !tags().isEmpty()) {
            request = request.withTarget(worker(), tags().isEmpty() ? null : tags());
        }
        if (model() != null) {
            request = request.withAgent(new AgentOptions(model(), null, null, null, null, null, null, null, null,
                    null, null));
        }
        if (cron() != null) {
            request = request.withCron(cron());
        } else if (every() != null) {
            request = request.withEvery(every());
        }
        return request;
    }

    /** The model for the agent, or null for its default. */
    public String model() {
        return blankToNull(model.get());
    }

    /** The one worker the task must run on, or null for any. */
    public String worker() {
        return blankToNull(worker.get());
    }

    /** The tags a worker needs to run the task; empty for any worker. */
    public List<String> tags() {
        String text = tags.get() == null ? "" : tags.get().strip();
        return text.isEmpty() ? List.of() : List.of(text.split("[,\\s]+")).stream().distinct().toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
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

    public StringProperty modelProperty() {
        return model;
    }

    public StringProperty workerProperty() {
        return worker;
    }

    public StringProperty tagsProperty() {
        return tags;
    }

    public BooleanProperty worktreeProperty() {
        return worktree;
    }
}
