package dev.dobby.app.tasks;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.fx.Problems;
import dev.dobby.app.fx.Reloader;
import dev.dobby.app.logs.Ansi;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Artifacts;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.event.HubEvent;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The detail pane of one task: its fields, its result (summary, cost, tokens, branch) and its files. */
public final class TaskDetailModel {

    /** A task with what it produced so far; {@code result} and {@code artifacts} are null until it has them. */
    record Loaded(Task task, TaskResult result, Artifacts artifacts, dev.dobby.protocol.Waiting waiting, List<Task> parents) {
    }

    /** A task this one waits on, as a link: its number and where it stands. */
    public record Parent(long id, String status, String description) {
    }

    private final ObjectProperty<Task> task = new SimpleObjectProperty<>();
    private final ObjectProperty<TaskResult> result = new SimpleObjectProperty<>();
    private final ObservableList<Artifacts.File> files = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("No task selected");
    private final ReadOnlyStringWrapper facts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper cost = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tokens = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper branch = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper waiting = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyBooleanWrapper stuck = new javafx.beans.property.ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper duration = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper changes = new ReadOnlyStringWrapper("");
    private final ObservableList<Parent> parents = FXCollections.observableArrayList();
    private final ObservableList<String> timeline = FXCollections.observableArrayList();
    private final Reloader<Loaded> loader;
    private Long taskId;

    public TaskDetailModel(HubApi api, Background background) {
        this.loader = new Reloader<>(background, () -> load(api, taskId), this::show,
                e -> problem.set(Problems.describe(e)));
    }

    private static Loaded load(HubApi api, Long id) {
        if (id == null) {
            return new Loaded(null, null, null, null, List.of());
        }
        Task task = api.getTask(id);
        TaskResult result = orNull(() -> api.result(id));
        Artifacts artifacts = orNull(() -> api.artifacts(id));
        dev.dobby.protocol.DetailStatus detail = WaitingReasons.waits(task) ? orNull(() -> api.detailStatus(id)) : null;
        dev.dobby.protocol.Waiting waiting = detail == null || detail.waitingReason() == null ? null
                : new dev.dobby.protocol.Waiting(detail.waitingReason(), detail.stuck());
        List<Task> parents = new java.util.ArrayList<>();
        for (long parent : task.dependsOn()) {
            Task found = orNull(() -> api.getTask(parent));
            if (found != null) {
                parents.add(found);
            }
        }
        return new Loaded(task, result, artifacts, waiting, parents);
    }

    private static <T> T orNull(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            if (e.status() == 404) {
                return null;  // no result or files yet
            }
            throw e;
        }
    }

    public void show(Long id) {
        taskId = id;
        problem.set("");
        loader.request();
    }

    public void onEvents(EventBridge.Batch batch) {
        if (taskId == null) {
            return;
        }
        for (HubEvent event : batch.hub()) {
            if (taskId.equals(event.subjectTask())) {
                loader.request();
                return;
            }
        }
    }

    private void show(Loaded loaded) {
        if (loaded.task() != null && !java.util.Objects.equals(taskId, loaded.task().id())) {
            return;  // the user moved on while this loaded; the next load follows
        }
        Task t = loaded.task();
        TaskResult r = loaded.result();
        task.set(t);
        result.set(r);
        files.setAll(loaded.artifacts() == null ? List.of() : loaded.artifacts().files());
        parents.setAll(loaded.parents().stream().map(p -> new Parent(p.id(), StatusBadges.label(p.status()),
                p.description())).toList());
        String why = loaded.waiting() == null ? null : loaded.waiting().reason();
        stuck.set(loaded.waiting() != null && loaded.waiting().stuck());  // before the reason: its listeners read it
        waiting.set(why == null ? "" : why);
        timeline.setAll(t == null ? List.of() : timeline(t, why, java.time.ZoneId.systemDefault()));
        if (t == null) {
            outcome.set("");
            duration.set("");
            changes.set("");
            heading.set("No task selected");
            facts.set("");
            summary.set("");
            cost.set("");
            tokens.set("");
            branch.set("");
            return;
        }
        heading.set("#" + t.id() + " · " + t.status().wire().replace('_', ' ') + " · " + t.project());
        facts.set(facts(t));
        summary.set(r == null ? (t.status().isTerminal() ? "No result recorded." : "No result yet.")
                : r.summary() == null || r.summary().isBlank() ? "(no summary)" : Ansi.stripLines(r.summary()));
        // For subscription logins the agent's figure is what the same work would cost on the API.
        cost.set(r == null || r.costUsd() == null ? "—"
                : String.format(Locale.ROOT, "$%.4f (API-equivalent)", r.costUsd()));
        tokens.set(r == null || r.tokensIn() == null && r.tokensOut() == null ? "—"
                : number(r.tokensIn()) + " in · " + number(r.tokensOut()) + " out");
        branch.set(r == null || r.branch() == null ? "—" : r.branch());
        outcome.set(outcome(t, r));
        duration.set(durationOf(t, r));
        changes.set(changes(r));
    }

    /** Where a timeline line is about the present, not a moment: as wide as a time, to keep the column. */
    public static final String NOW = "now             ";

    /** The task's life so far, one line a step, with why it waits where it waits. */
    static List<String> timeline(Task t, String waiting, java.time.ZoneId zone) {
        java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("MMM d HH:mm:ss",
                Locale.ENGLISH).withZone(zone);
        List<String> lines = new java.util.ArrayList<>();
        if (t.createdAt() != null) {
            lines.add(time.format(t.createdAt()) + "  queued" + (t.scheduleId() == null ? ""
                    : " by schedule #" + t.scheduleId() + (t.catchUp() ? " (catch-up run)" : "")));
        }
        if (t.notBefore() != null && (t.startedAt() == null || t.notBefore().isAfter(t.startedAt()))) {
            lines.add(time.format(t.notBefore()) + "  earliest start (retry back-off)");
        }
        if (t.startedAt() != null) {
            lines.add(time.format(t.startedAt()) + "  started" + (t.worker() == null ? "" : " on " + t.worker())
                    + (t.attempts() > 1 ? ", attempt " + t.attempts() : ""));
        }
        if (waiting != null && !waiting.isBlank()) {
            lines.add(NOW + waiting);
        }
        if (t.finishedAt() != null) {
            lines.add(time.format(t.finishedAt()) + "  " + StatusBadges.label(t.status())
                    + (t.startedAt() == null ? "" : " after " + Durations.words(
                            java.time.Duration.between(t.startedAt(), t.finishedAt()).toMillis() / 1000.0)));
        } else if (t.status() == dev.dobby.protocol.TaskStatus.RUNNING) {
            lines.add(NOW + "running");
        }
        return lines;
    }

    /** One sentence on how it went: what a user came to the details for. */
    static String outcome(Task t, TaskResult r) {
        String exit = t.exitCode() == null ? "" : " (exit " + t.exitCode() + ")";
        return switch (t.status()) {
            case COMPLETED -> "Completed" + (r != null && r.durationSeconds() > 0
                    ? " in " + Durations.words(r.durationSeconds()) : "");
            case FAILED -> t.statusReason() == null || t.statusReason().isBlank() ? "Failed" + exit
                    : "Failed: " + t.statusReason();
            case TIMED_OUT -> "Timed out after " + Durations.words(t.timeout());
            case CANCELLED -> "Cancelled" + (t.statusReason() == null ? "" : ": " + t.statusReason());
            case STALE -> "Lost touch with its worker" + (t.worker() == null ? "" : " " + t.worker());
            case RUNNING -> "Running" + (t.worker() == null ? "" : " on " + t.worker())
                    + (t.attempts() > 1 ? ", attempt " + t.attempts() : "");
            case PENDING -> "Waiting to start";
            case BLOCKED -> "Blocked until the tasks it needs complete";
            case DRAFT -> "A draft: it runs once approved";
        };
    }

    private static String durationOf(Task t, TaskResult r) {
        if (r != null && r.durationSeconds() > 0) {
            return Durations.words(r.durationSeconds());
        }
        if (t.startedAt() != null) {
            java.time.Instant end = t.finishedAt() != null ? t.finishedAt() : java.time.Instant.now();
            return Durations.words(java.time.Duration.between(t.startedAt(), end).toMillis() / 1000.0)
                    + (t.finishedAt() == null ? " so far" : "");
        }
        return "—";
    }

    /** "3 files changed, +40 −2" and the files, from the result's diff stat. */
    private static String changes(TaskResult r) {
        if (r == null || (r.filesChanged().isEmpty() && (r.diffStat() == null || r.diffStat().isBlank()))) {
            return "No files changed.";
        }
        StringBuilder text = new StringBuilder();
        if (r.diffStat() != null && !r.diffStat().isBlank()) {
            text.append(r.diffStat().strip());
        } else {
            r.filesChanged().forEach(f -> text.append(f).append('\n'));
        }
        return text.toString().strip();
    }

    private static String facts(Task t) {
        StringBuilder text = new StringBuilder();
        text.append(t.backend() == null ? "default backend" : t.backend().wire())
                .append(" · ").append(t.priority() == null ? "normal" : t.priority().wire())
                .append(" · attempt ").append(t.attempts());
        if (t.worker() != null) {
            text.append(" · on ").append(t.worker());
        }
        if (!t.dependsOn().isEmpty()) {
            text.append(" · after ").append(t.dependsOn().stream().map(id -> "#" + id).toList());
        }
        if (t.placement() != null) {
            text.append("\n").append(t.placement().brief());
        }
        if (t.statusReason() != null && !t.statusReason().isBlank()) {
            text.append("\n").append(t.statusReason());
        }
        return text.toString();
    }

    private static String number(Long value) {
        return value == null ? "?" : String.format(Locale.ROOT, "%,d", value);
    }

    public ObjectProperty<Task> taskProperty() {
        return task;
    }

    public ObjectProperty<TaskResult> resultProperty() {
        return result;
    }

    public ObservableList<Artifacts.File> files() {
        return files;
    }

    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty factsProperty() {
        return facts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty costProperty() {
        return cost.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tokensProperty() {
        return tokens.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty branchProperty() {
        return branch.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** The hub says the waiting task cannot run until someone acts (a failed parent, no worker that can run it). */
    public javafx.beans.property.ReadOnlyBooleanProperty stuckProperty() {
        return stuck.getReadOnlyProperty();
    }

    /** Why a waiting task has not started; empty for the others. */
    public ReadOnlyStringProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty durationProperty() {
        return duration.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty changesProperty() {
        return changes.getReadOnlyProperty();
    }

    public ObservableList<String> timeline() {
        return timeline;
    }

    public ObservableList<Parent> parents() {
        return parents;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
