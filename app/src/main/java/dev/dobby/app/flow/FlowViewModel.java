package dev.dobby.app.flow;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.fx.Problems;
import dev.dobby.protocol.Flow;
import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The followed task's agent steps in order: loaded from the hub, then kept up to date by progress events. A step
 * is known by (attempt, index); a later report of the same step replaces it (a tool call gets its duration).
 */
public final class FlowViewModel {
    private static final Comparator<FlowStep> ORDER = Comparator.comparingInt(FlowStep::attempt)
            .thenComparingInt(FlowStep::index);

    private final HubApi api;
    private final Background background;
    private final Map<String, FlowStep> byKey = new TreeMap<>();
    private final ObservableList<FlowStep> steps = FXCollections.observableArrayList();
    private final ObjectProperty<Long> taskId = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");

    public FlowViewModel(HubApi api, Background background) {
        this.api = api;
        this.background = background;
        summarize();
    }

    public void onEvents(EventBridge.Batch batch) {
        if (batch.taskReset()) {
            byKey.clear();
            steps.clear();
            problem.set("");
            taskId.set(batch.taskId());
            summarize();
            Long id = batch.taskId();
            if (id != null) {
                background.call(() -> api.flow(id), this::loaded, e -> problem.set(Problems.describe(e)));
            }
        }
        boolean changed = false;
        for (HubEvent event : batch.task()) {
            if (event instanceof TaskProgress progress && progress.taskId() == currentId()) {
                for (FlowStep step : progress.steps()) {
                    byKey.put(key(step), step);
                    changed = true;
                }
            }
        }
        if (changed) {
            publish();
        }
    }

    private long currentId() {
        return taskId.get() == null ? -1 : taskId.get();
    }

    private void loaded(Flow flow) {
        if (flow.taskId() != currentId()) {
            return;
        }
        for (FlowStep step : flow.steps()) {
            byKey.putIfAbsent(key(step), step);
        }
        publish();
    }

    private static String key(FlowStep step) {
        return String.format(Locale.ROOT, "%06d:%09d", step.attempt(), step.index());
    }

    private void publish() {
        List<FlowStep> ordered = byKey.values().stream().sorted(ORDER).toList();
        steps.setAll(ordered);
        summarize();
    }

    private void summarize() {
        if (steps.isEmpty()) {
            summary.set(taskId.get() == null ? "Select a task to see its steps."
                    : "No agent steps: plain shell tasks have none, and agents report them as they go.");
            return;
        }
        long tools = steps.stream().filter(s -> s.kind() == FlowStep.Kind.TOOL_CALL || s.kind() == FlowStep.Kind.COMMAND
                || s.kind() == FlowStep.Kind.FILE_EDIT || s.kind() == FlowStep.Kind.FILE_READ).count();
        long edits = steps.stream().filter(s -> s.kind() == FlowStep.Kind.FILE_EDIT).count();
        Long tokensIn = steps.stream().map(FlowStep::tokensIn).filter(java.util.Objects::nonNull)
                .max(Long::compare).orElse(null);
        Long tokensOut = steps.stream().map(FlowStep::tokensOut).filter(java.util.Objects::nonNull)
                .max(Long::compare).orElse(null);
        StringBuilder text = new StringBuilder();
        text.append(steps.size()).append(steps.size() == 1 ? " step" : " steps")
                .append(" · ").append(tools).append(tools == 1 ? " tool call · " : " tool calls · ")
                .append(edits).append(edits == 1 ? " edit" : " edits");
        if (tokensIn != null || tokensOut != null) {
            text.append(String.format(Locale.ROOT, " · %,d in / %,d out tokens", tokensIn == null ? 0 : tokensIn,
                    tokensOut == null ? 0 : tokensOut));
        }
        Duration span = span();
        if (span != null) {
            text.append(" · ").append(span.toSeconds()).append(" s");
        }
        summary.set(text.toString());
    }

    /** Time from the first step to the last. */
    public Duration span() {
        Instant first = steps.stream().map(FlowStep::at).filter(java.util.Objects::nonNull).min(Instant::compareTo)
                .orElse(null);
        Instant last = steps.stream().map(FlowStep::at).filter(java.util.Objects::nonNull).max(Instant::compareTo)
                .orElse(null);
        return first == null ? null : Duration.between(first, last);
    }

    public ObservableList<FlowStep> steps() {
        return steps;
    }

    public ObjectProperty<Long> taskIdProperty() {
        return taskId;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty problemProperty() {
        return problem;
    }
}
