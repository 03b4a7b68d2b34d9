package dev.dobby.agent.runner.codex;

import static dev.dobby.agent.runner.JsonLines.count;
import static dev.dobby.agent.runner.JsonLines.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.agent.runner.JsonLines;
import dev.dobby.agent.runner.OutputParser;
import dev.dobby.agent.runner.ParsedResult;
import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.runner.ProgressTracker;
import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.UsageWindow;
import dev.dobby.protocol.work.OutputLine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code codex exec --json}: {@code thread.started} (the session id), {@code turn.*} events, and items
 * (agent_message, reasoning, command_execution, file_change, mcp_tool_call, web_search, todo_list, error) as they
 * start, update and complete.
 *
 * <p>{@code turn.completed.usage} is the thread's running total, so the latest one is the figure, never a sum.
 * Top-level {@code error} lines before a {@code turn.failed} are reconnect attempts, not the failure. Codex
 * reports no cost: it is computed from the {@link PriceTable} when the model is known and priced.
 */
public final class CodexJsonParser implements OutputParser {
    private static final Pattern LIMIT = Pattern.compile("usage limit|rate limit|too many requests|quota",
            Pattern.CASE_INSENSITIVE);
    private static final int OUTPUT_DETAIL_CHARS = 500;

    private final ProgressTracker tracker;
    private final PriceTable prices;
    /** item id to the step that shows it */
    private final Map<String, Integer> itemSteps = new HashMap<>();
    private final List<String> filesChanged = new ArrayList<>();
    private int turns;
    private boolean turnCompleted;
    private String failure;
    private String lastMessage;
    private String lastError;
    private Integer retryStep;
    private String lastStderr;
    private final Path codexHome;
    private Instant limitResetsAt;

    /** @param model the model the task asked for; Codex does not say which one it used */
    public CodexJsonParser(long taskId, int attempt, Path workdir, String model, PriceTable prices) {
        this(taskId, attempt, workdir, model, prices, null);
    }

    /** @param codexHome where Codex keeps its session files (their rate limits are read at the end); null: none */
    public CodexJsonParser(long taskId, int attempt, Path workdir, String model, PriceTable prices, Path codexHome) {
        this.tracker = new ProgressTracker(taskId, attempt, workdir);
        this.prices = prices;
        this.codexHome = codexHome;
        tracker.model(model);
    }

    @Override
    public synchronized void accept(OutputLine line) {
        if (OutputLine.STDERR.equals(line.stream())) {
            if (!line.text().isBlank()) {
                lastStderr = ProgressTracker.clip(line.text().strip(), 500);
            }
            return;
        }
        JsonLines.object(line.text()).ifPresent(event -> {
            String type = text(event, "type");
            if (type == null) {
                return;
            }
            Instant at = line.at();
            switch (type) {
                case "thread.started" -> {
                    tracker.sessionId(text(event, "thread_id"));
                    tracker.addStep(FlowStep.Kind.SESSION, at, "Session started", "thread " + tracker.sessionId(),
                            null, null);
                    tracker.currentStep("session started");
                }
                case "turn.started" -> {
                    turns++;
                    turnCompleted = false;
                    retryStep = null;
                }
                case "turn.completed" -> turnCompleted(event, at);
                case "turn.failed" -> turnFailed(event, at);
                case "item.started", "item.updated", "item.completed" ->
                        item(event.path("item"), at, type.equals("item.completed"));
                case "error" -> retry(event, at);
                default -> {
                    // plan deltas, user-input requests, and whatever later versions add
                }
            }
        });
    }

    private void turnCompleted(JsonNode event, Instant at) {
        turnCompleted = true;
        retryStep = null;
        JsonNode usage = event.path("usage");
        long input = count(usage, "input_tokens");
        long cached = Math.min(input, count(usage, "cached_input_tokens"));
        long output = count(usage, "output_tokens");
        // OpenAI counts cached tokens inside input_tokens, and reasoning tokens inside output_tokens.
        tracker.totals(input, output, prices.cost(tracker.model(), input - cached, cached, 0, output));
        int step = tracker.addStep(FlowStep.Kind.RESULT, at, "Turn " + turns + " completed", lastMessage, null, null);
        FlowStep s = tracker.step(step);
        tracker.replaceStep(new FlowStep(s.taskId(), s.attempt(), s.index(), s.kind(), s.at(), s.title(), s.detail(),
                null, null, null, input, output, false));
        tracker.currentStep("finished");
    }

    private void turnFailed(JsonNode event, Instant at) {
        String message = text(event.path("error"), "message");
        failure = message == null || message.isBlank() ? "Codex reported that the turn failed" : message.strip();
        tracker.addStep(FlowStep.Kind.RESULT, at, "Failed: " + ProgressTracker.firstLine(failure), failure, null,
                null);
        FlowStep s = tracker.step(tracker.stepCount() - 1);
        tracker.replaceStep(new FlowStep(s.taskId(), s.attempt(), s.index(), s.kind(), s.at(), s.title(), s.detail(),
                null, null, null, null, null, true));
        tracker.currentStep("failed");
    }

    /** Reconnect attempts show as one step that is updated in place. */
    private void retry(JsonNode event, Instant at) {
        lastError = text(event, "message");
        String title = lastError == null ? "Error" : ProgressTracker.firstLine(lastError);
        if (retryStep == null) {
            retryStep = tracker.addStep(FlowStep.Kind.ERROR, at, title, lastError, null, null);
        } else {
            FlowStep s = tracker.step(retryStep);
            tracker.replaceStep(new FlowStep(s.taskId(), s.attempt(), s.index(), s.kind(), s.at(),
                    ProgressTracker.clip(title, ProgressTracker.TITLE_CHARS),
                    ProgressTracker.clip(s.detail() + "\n" + lastError, ProgressTracker.DETAIL_CHARS), null, null,
                    null, null, null, false));
        }
        tracker.currentStep(title);
    }

    private void item(JsonNode item, Instant at, boolean completed) {
        String id = text(item, "id");
        String type = text(item, "type");
        if (id == null || type == null) {
            return;
        }
        Integer existing = itemSteps.get(id);
        switch (type) {
            case "agent_message" -> {
                String text = item.path("text").asText("");
                if (completed) {
                    lastMessage = text;
                }
                show(id, existing, at, FlowStep.Kind.MESSAGE, ProgressTracker.firstLine(text), text, null, null);
            }
            case "reasoning" -> show(id, existing, at, FlowStep.Kind.THINKING, "Thinking",
                    item.path("text").asText(""), null, null);
            case "command_execution" -> command(item, id, existing, at, completed);
            case "file_change" -> fileChange(item, id, existing, at, completed);
            case "mcp_tool_call" -> mcpCall(item, id, existing, at, completed);
            case "web_search" -> {
                boolean isNew = show(id, existing, at, FlowStep.Kind.TOOL_CALL,
                        "Web search: " + item.path("query").asText(""), item.path("query").asText(""), "web_search",
                        null);
                if (isNew) {
                    tracker.countTool("web_search");
                }
                if (completed) {
                    tracker.closeStep(itemSteps.get(id), at, null, false);
                }
            }
            case "todo_list" -> {
                StringBuilder list = new StringBuilder();
                for (JsonNode todo : item.path("items")) {
                    list.append(todo.path("completed").asBoolean() ? "[x] " : "[ ] ")
                            .append(todo.path("text").asText()).append('\n');
                }
                show(id, existing, at, FlowStep.Kind.MESSAGE, "To-do list", list.toString().strip(), null, null);
            }
            case "error" -> {
                String message = item.path("message").asText("");
                show(id, existing, at, FlowStep.Kind.ERROR, ProgressTracker.firstLine(message), message, null, null);
            }
            default -> {
            }
        }
    }

    /**
     * Add the item's step, or update it when the item was seen before. Returns true when it was added.
     */
    private boolean show(String id, Integer existing, Instant at, FlowStep.Kind kind, String title, String detail,
                         String tool, String file) {
        if (existing == null) {
            int step = tracker.addStep(kind, at, title, detail, tool, file);
            itemSteps.put(id, step);
            tracker.currentStep(tracker.step(step).title());
            return true;
        }
        FlowStep s = tracker.step(existing);
        tracker.replaceStep(new FlowStep(s.taskId(), s.attempt(), s.index(), kind, s.at(),
                ProgressTracker.clip(title, ProgressTracker.TITLE_CHARS),
                ProgressTracker.clip(detail, ProgressTracker.DETAIL_CHARS), s.durationMs(), tool, file, null, null,
                s.error()));
        return false;
    }

    private void command(JsonNode item, String id, Integer existing, Instant at, boolean completed) {
        String command = unwrap(item.path("command").asText(""));
        boolean isNew = show(id, existing, at, FlowStep.Kind.COMMAND, "$ " + ProgressTracker.firstLine(command),
                command, "shell", null);
        if (isNew) {
            tracker.countTool("shell");
        }
        String status = item.path("status").asText("");
        if (completed || status.equals("completed") || status.equals("failed") || status.equals("declined")) {
            JsonNode exit = item.get("exit_code");
            boolean failed = !status.equals("completed") || (exit != null && exit.isNumber() && exit.asInt() != 0);
            String output = item.path("aggregated_output").asText("");
            String outcome = (exit != null && exit.isNumber() ? "exit " + exit.asInt() : status)
                    + (output.isBlank() ? "" : "\n" + ProgressTracker.clip(output.strip(), OUTPUT_DETAIL_CHARS));
            tracker.closeStep(itemSteps.get(id), at, outcome, failed);
        }
    }

    private void fileChange(JsonNode item, String id, Integer existing, Instant at, boolean completed) {
        List<String> paths = new ArrayList<>();
        StringBuilder detail = new StringBuilder();
        for (JsonNode change : item.path("changes")) {
            String path = tracker.relative(change.path("path").asText(""));
            paths.add(path);
            detail.append(change.path("kind").asText("update")).append(' ').append(path).append('\n');
        }
        String title = paths.size() == 1 ? "Edit " + paths.get(0) : "Edit " + paths.size() + " files";
        boolean isNew = show(id, existing, at, FlowStep.Kind.FILE_EDIT, title, detail.toString().strip(),
                "apply_patch", paths.isEmpty() ? null : paths.get(0));
        if (isNew) {
            tracker.countTool("apply_patch");
        }
        String status = item.path("status").asText("");
        if (completed || status.equals("completed") || status.equals("failed")) {
            boolean failed = !status.equals("completed");
            tracker.closeStep(itemSteps.get(id), at, failed ? "failed" : null, failed);
            if (!failed) {
                for (JsonNode change : item.path("changes")) {
                    String path = change.path("path").asText("");
                    tracker.fileEdited(path);
                    String shown = tracker.relative(path);
                    if (!filesChanged.contains(shown)) {
                        filesChanged.add(shown);
                    }
                }
            }
        }
    }

    private void mcpCall(JsonNode item, String id, Integer existing, Instant at, boolean completed) {
        String name = item.path("server").asText("?") + "." + item.path("tool").asText("?");
        JsonNode arguments = item.path("arguments");
        boolean isNew = show(id, existing, at, FlowStep.Kind.TOOL_CALL, name,
                arguments.isMissingNode() ? null : arguments.toString(), name, null);
        if (isNew) {
            tracker.countTool(name);
        }
        String status = item.path("status").asText("");
        if (completed || status.equals("completed") || status.equals("failed")) {
            String error = text(item.path("error"), "message");
            JsonNode result = item.path("result").path("content");
            String outcome = error != null ? error : result.isMissingNode() ? null : result.toString();
            tracker.closeStep(itemSteps.get(id), at, ProgressTracker.clip(outcome, OUTPUT_DETAIL_CHARS),
                    error != null || status.equals("failed"));
        }
    }

    /** {@code /bin/bash -lc 'cat x'} shows as {@code cat x}. */
    static String unwrap(String command) {
        return dev.dobby.protocol.transcript.ToolSummary.unwrapShell(command);
    }

    @Override
    public synchronized ParsedResult finish(int exitCode) {
        readRateLimits();
        Integer turnCount = turns == 0 ? null : turns;
        if (failure != null) {
            boolean rateLimited = LIMIT.matcher(failure).find();
            return new ParsedResult(TaskStatus.FAILED, lastMessage != null ? lastMessage : failure, filesChanged,
                    tracker.tokensIn(), tracker.tokensOut(), tracker.costUsd(), turnCount, tracker.sessionId(),
                    rateLimited, rateLimited ? limitResetsAt : null, false, (rateLimited ? "rate limited: " : "")
                    + failure, List.of());
        }
        if (turnCompleted) {
            return new ParsedResult(TaskStatus.COMPLETED, lastMessage, filesChanged, tracker.tokensIn(),
                    tracker.tokensOut(), tracker.costUsd(), turnCount, tracker.sessionId(), false, null, false, null,
                    List.of());
        }
        String why = lastError != null ? lastError : lastStderr;
        boolean rateLimited = why != null && LIMIT.matcher(why).find();
        String reason = "the agent's output ended before its turn completed (exit code " + exitCode + ")"
                + (why == null ? "" : ": " + why);
        return new ParsedResult(TaskStatus.FAILED, lastMessage, filesChanged, tracker.tokensIn(), tracker.tokensOut(),
                tracker.costUsd(), turnCount, tracker.sessionId(), rateLimited, rateLimited ? limitResetsAt : null,
                true, reason, List.of());
    }

    /** The session file's latest rate limits, as usage windows; a window used up gives the limit's reset time. */
    private void readRateLimits() {
        if (codexHome == null || tracker.sessionId() == null) {
            return;
        }
        try {
            Optional<Path> rollout = CodexRollout.find(codexHome, tracker.sessionId(), CodexRollout.today());
            if (rollout.isEmpty()) {
                return;
            }
            for (UsageWindow window : CodexRollout.latestWindows(rollout.get(), Instant.now())) {
                tracker.usage(window);
                if ("rejected".equals(window.status()) && window.resetsAt() != null
                        && (limitResetsAt == null || window.resetsAt().isAfter(limitResetsAt))) {
                    limitResetsAt = window.resetsAt();
                }
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            lastStderr = lastStderr == null ? "could not read Codex's session file: " + e.getMessage() : lastStderr;
        }
    }

    @Override
    public synchronized Updates drain() {
        return tracker.drain();
    }
}
