package dev.dobby.agent.runner;

import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.UsageWindow;
import dev.dobby.protocol.work.AgentProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an agent's stream parser has learned so far, kept in the shapes the hub wants: flow steps (sent again when
 * they change), the live progress, and usage figures. Parsers feed it; {@link #drain} hands over what changed.
 * Not thread-safe: the owning parser synchronises.
 */
public final class ProgressTracker {
    /** Longest step title and detail kept; the full text stays in the log. */
    public static final int TITLE_CHARS = 160;
    public static final int DETAIL_CHARS = 4000;

    private final long taskId;
    private final int attempt;
    private final Path workdir;
    private final List<FlowStep> steps = new ArrayList<>();
    private final Set<Integer> changedSteps = new TreeSet<>();
    private final Map<String, Integer> tools = new LinkedHashMap<>();
    private final Set<String> filesRead = new LinkedHashSet<>();
    private final Set<String> filesEdited = new LinkedHashSet<>();
    private final List<UsageWindow> usage = new ArrayList<>();
    private String currentStep;
    private String model;
    private String sessionId;
    private Long tokensIn;
    private Long tokensOut;
    private Double costUsd;
    private boolean progressChanged;

    /** @param workdir where the agent runs; file paths under it are shown relative to it */
    public ProgressTracker(long taskId, int attempt, Path workdir) {
        this.taskId = taskId;
        this.attempt = attempt;
        this.workdir = workdir == null ? null : workdir.toAbsolutePath().normalize();
    }

    /** Add a step and return its index. */
    public int addStep(FlowStep.Kind kind, Instant at, String title, String detail, String tool, String file) {
        int index = steps.size();
        steps.add(new FlowStep(taskId, attempt, index, kind, at, clip(title, TITLE_CHARS), clip(detail, DETAIL_CHARS),
                null, tool, file, null, null, false));
        changedSteps.add(index);
        return index;
    }

    public FlowStep step(int index) {
        return steps.get(index);
    }

    public int stepCount() {
        return steps.size();
    }

    /** Replace a step (same index), for example when its tool call has returned. */
    public void replaceStep(FlowStep step) {
        steps.set(step.index(), step);
        changedSteps.add(step.index());
    }

    /** Close a step that was open since its {@code at}: record how long it took and whether it failed. */
    public void closeStep(int index, Instant at, String detail, boolean error) {
        FlowStep s = steps.get(index);
        long millis = Math.max(0, Duration.between(s.at(), at).toMillis());
        String combined = detail == null || detail.isEmpty() ? s.detail()
                : s.detail() == null || s.detail().isEmpty() ? detail : s.detail() + "\n→ " + detail;
        replaceStep(new FlowStep(s.taskId(), s.attempt(), s.index(), s.kind(), s.at(), s.title(),
                clip(combined, DETAIL_CHARS), millis, s.tool(), s.file(), s.tokensIn(), s.tokensOut(), error));
    }

    public void countTool(String name) {
        tools.merge(name, 1, Integer::sum);
        progressChanged = true;
    }

    public void fileRead(String path) {
        if (path != null && filesRead.add(relative(path))) {
            progressChanged = true;
        }
    }

    public void fileEdited(String path) {
        if (path != null && filesEdited.add(relative(path))) {
            progressChanged = true;
        }
    }

    public List<String> filesEdited() {
        return List.copyOf(filesEdited);
    }

    public void currentStep(String value) {
        if (value != null && !value.equals(currentStep)) {
            currentStep = clip(value, TITLE_CHARS);
            progressChanged = true;
        }
    }

    public void model(String value) {
        if (value != null && !value.equals(model)) {
            model = value;
            progressChanged = true;
        }
    }

    public String model() {
        return model;
    }

    public void sessionId(String value) {
        if (value != null && !value.equals(sessionId)) {
            sessionId = value;
            progressChanged = true;
        }
    }

    public String sessionId() {
        return sessionId;
    }

    public void totals(Long in, Long out, Double cost) {
        tokensIn = in;
        tokensOut = out;
        costUsd = cost;
        progressChanged = true;
    }

    public Long tokensIn() {
        return tokensIn;
    }

    public Long tokensOut() {
        return tokensOut;
    }

    public Double costUsd() {
        return costUsd;
    }

    public void usage(UsageWindow window) {
        usage.add(window);
    }

    /** {@code path} relative to the working directory when it lies inside it, else as given. */
    public String relative(String path) {
        if (workdir == null || path == null || path.isEmpty()) {
            return path;
        }
        try {
            Path p = Path.of(path);
            if (p.isAbsolute()) {
                Path normal = p.normalize();
                if (normal.startsWith(workdir) && !normal.equals(workdir)) {
                    return workdir.relativize(normal).toString();
                }
            }
        } catch (java.nio.file.InvalidPathException e) {
            // not a path we can shorten; show it as the agent wrote it
        }
        return path;
    }

    /** Steps changed, the progress if it changed, and usage reported since the last call. */
    public OutputParser.Updates drain() {
        if (changedSteps.isEmpty() && !progressChanged && usage.isEmpty()) {
            return OutputParser.Updates.NONE;
        }
        List<FlowStep> changed = changedSteps.stream().map(steps::get).toList();
        AgentProgress progress = progressChanged ? progress() : null;
        OutputParser.Updates updates = new OutputParser.Updates(changed, progress, usage);
        changedSteps.clear();
        usage.clear();
        progressChanged = false;
        return updates;
    }

    public AgentProgress progress() {
        return new AgentProgress(currentStep, List.copyOf(filesRead), List.copyOf(filesEdited), tools, tokensIn,
                tokensOut, costUsd, model, sessionId);
    }

    /** {@code text} cut to {@code max} characters, with an ellipsis when cut. */
    public static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** The first non-blank line of {@code text}, for titles. */
    public static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        for (String line : text.strip().split("\\R", -1)) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "";
    }
}
