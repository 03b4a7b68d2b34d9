package dev.dobby.agent.runner.claude;

import static dev.dobby.agent.runner.JsonLines.count;
import static dev.dobby.agent.runner.JsonLines.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.agent.runner.JsonLines;
import dev.dobby.agent.runner.OutputParser;
import dev.dobby.agent.runner.ParsedResult;
import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.runner.ProgressTracker;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.UsageWindow;
import dev.dobby.protocol.work.Outcome;
import dev.dobby.protocol.transcript.ToolSummary;
import dev.dobby.protocol.work.OutputLine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Claude Code's {@code --output-format stream-json --verbose} output: the {@code system} init event, one
 * {@code assistant} line per content block (text, thinking, tool_use), {@code user} lines with tool results,
 * {@code rate_limit_event} lines and the final {@code result}.
 *
 * <p>Usage on assistant lines is a partial snapshot per message, good only for a live estimate; the totals come
 * from the {@code result} line. A {@code result} with {@code is_error: true} is a failure even when its subtype
 * says success (an API error). Lines it does not understand are skipped; they stay in the log.
 */
public final class ClaudeStreamParser implements OutputParser {
    static final String ACCOUNT = "claude";
    private static final Set<String> READ_TOOLS = Set.of("Read", "NotebookRead");
    private static final Set<String> EDIT_TOOLS = Set.of("Edit", "MultiEdit", "Write", "NotebookEdit");
    private static final Set<String> COMMAND_TOOLS = Set.of("Bash");
    private static final int RESULT_DETAIL_CHARS = 500;

    private final ProgressTracker tracker;
    private final PriceTable prices;
    /** tool_use id to the step that shows it; kept after the call returns, for permission denials. */
    private final Map<String, Integer> toolSteps = new HashMap<>();
    private final Map<String, ToolCall> openCalls = new HashMap<>();
    /** message id to its latest usage snapshot: input, cache read, cache write, output. */
    private final Map<String, long[]> messageUsage = new LinkedHashMap<>();
    private ParsedResult outcome;
    private String lastText;
    private String lastStderr;
    private boolean limitRejected;
    private boolean apiSaidRateLimit;
    private Instant limitResetsAt;

    private record ToolCall(int step, String name, String file) {
    }

    public ClaudeStreamParser(long taskId, int attempt, Path workdir, PriceTable prices) {
        this.tracker = new ProgressTracker(taskId, attempt, workdir);
        this.prices = prices;
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
            switch (type) {
                case "system" -> system(event, line.at());
                case "assistant" -> assistant(event, line.at());
                case "user" -> user(event, line.at());
                case "rate_limit_event" -> rateLimit(event, line.at());
                case "result" -> result(event, line.at());
                default -> {
                    // stream_event, hooks, and whatever later versions add
                }
            }
        });
    }

    private void system(JsonNode event, Instant at) {
        String subtype = text(event, "subtype");
        if ("init".equals(subtype)) {
            tracker.sessionId(text(event, "session_id"));
            tracker.model(text(event, "model"));
            List<String> tools = new ArrayList<>();
            event.path("tools").forEach(t -> tools.add(t.asText()));
            String title = "Session started" + (tracker.model() == null ? "" : " · " + tracker.model());
            String detail = "cwd: " + text(event, "cwd") + "\npermission mode: " + text(event, "permissionMode")
                    + "\ntools (" + tools.size() + "): " + String.join(", ", tools);
            tracker.addStep(FlowStep.Kind.SESSION, at, title, detail, null, null);
            tracker.currentStep(title);
            String keySource = text(event, "apiKeySource");
            if (keySource != null) {
                // Subscription logins ("none": no key) report their usage windows; API keys never do.
                tracker.usage(new UsageWindow(ACCOUNT, Backend.CLAUDE, UsageWindow.LOGIN, null,
                        "none".equals(keySource) ? UsageWindow.SUBSCRIPTION : UsageWindow.API_KEY, null, at));
            }
        } else if ("api_retry".equals(subtype)) {
            String title = "API retry " + count(event, "attempt") + "/" + count(event, "max_retries") + " ("
                    + event.path("error_status").asText("?") + " " + event.path("error").asText("") + ")";
            tracker.addStep(FlowStep.Kind.ERROR, at, title.strip(), null, null, null);
        }
    }

    private void assistant(JsonNode event, Instant at) {
        JsonNode message = event.path("message");
        String model = text(message, "model");
        if (model != null && !model.startsWith("<")) {
            tracker.model(model);
        }
        if ("rate_limit".equals(text(event, "error"))) {
            apiSaidRateLimit = true;
        }
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText("")) {
                case "text" -> {
                    String text = block.path("text").asText("");
                    if (!text.isBlank()) {
                        lastText = text;
                        int step = tracker.addStep(FlowStep.Kind.MESSAGE, at, ProgressTracker.firstLine(text), text,
                                null, null);
                        tracker.currentStep(tracker.step(step).title());
                    }
                }
                case "thinking" -> {
                    tracker.addStep(FlowStep.Kind.THINKING, at, "Thinking", block.path("thinking").asText(""), null,
                            null);
                    tracker.currentStep("thinking");
                }
                case "tool_use" -> toolUse(block, at);
                default -> {
                }
            }
        }
        usage(text(message, "id"), message.path("usage"));
    }

    private void toolUse(JsonNode block, Instant at) {
        String name = block.path("name").asText("tool");
        JsonNode input = block.path("input");
        String file = firstText(input, "file_path", "notebook_path");
        FlowStep.Kind kind = READ_TOOLS.contains(name) ? FlowStep.Kind.FILE_READ
                : EDIT_TOOLS.contains(name) ? FlowStep.Kind.FILE_EDIT
                : COMMAND_TOOLS.contains(name) ? FlowStep.Kind.COMMAND
                : FlowStep.Kind.TOOL_CALL;
        String shownFile = tracker.relative(file);
        int step = tracker.addStep(kind, at, title(name, input, shownFile), detail(name, input), name, shownFile);
        tracker.countTool(name);
        tracker.currentStep(tracker.step(step).title());
        String id = text(block, "id");
        if (id != null) {
            toolSteps.put(id, step);
            openCalls.put(id, new ToolCall(step, name, file));
        }
    }

    private String title(String name, JsonNode input, String file) {
        return ToolSummary.of(name, input, file);
    }

    private static String detail(String name, JsonNode input) {
        if (COMMAND_TOOLS.contains(name)) {
            String description = text(input, "description");
            String command = input.path("command").asText("");
            return description == null ? command : description + "\n" + command;
        }
        return input.isMissingNode() ? null : input.toString();
    }

    private void user(JsonNode event, Instant at) {
        for (JsonNode block : event.path("message").path("content")) {
            if (!"tool_result".equals(block.path("type").asText())) {
                continue;
            }
            ToolCall call = openCalls.remove(block.path("tool_use_id").asText(""));
            if (call == null) {
                continue;
            }
            boolean error = block.path("is_error").asBoolean(false);
            tracker.closeStep(call.step(), at, ProgressTracker.clip(resultText(block.get("content")),
                    RESULT_DETAIL_CHARS), error);
            if (!error && call.file() != null) {
                if (READ_TOOLS.contains(call.name())) {
                    tracker.fileRead(call.file());
                } else if (EDIT_TOOLS.contains(call.name())) {
                    tracker.fileEdited(call.file());
                }
            }
        }
    }

    private static String resultText(JsonNode content) {
        if (content == null || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    /** Keep the latest snapshot per message and show the sum as the live figure. */
    private void usage(String messageId, JsonNode usage) {
        if (messageId == null || !usage.isObject()) {
            return;
        }
        messageUsage.put(messageId, new long[] {count(usage, "input_tokens"), count(usage, "cache_read_input_tokens"),
                count(usage, "cache_creation_input_tokens"), count(usage, "output_tokens")});
        long[] sum = new long[4];
        for (long[] each : messageUsage.values()) {
            for (int i = 0; i < 4; i++) {
                sum[i] += each[i];
            }
        }
        tracker.totals(sum[0] + sum[1] + sum[2], sum[3], prices.cost(tracker.model(), sum[0], sum[1], sum[2], sum[3]));
    }

    private void rateLimit(JsonNode event, Instant at) {
        JsonNode info = event.path("rate_limit_info");
        String status = text(info, "status");
        String type = text(info, "rateLimitType");
        Instant resetsAt = JsonLines.epoch(info, "resetsAt");
        if ("rejected".equals(status)) {
            limitRejected = true;
            limitResetsAt = resetsAt;
        }
        JsonNode windows = info.path("unifiedWindows");
        boolean typeSeen = false;
        for (Map.Entry<String, JsonNode> window : windows.properties()) {
            boolean isType = window.getKey().equals(type);
            typeSeen |= isType;
            tracker.usage(new UsageWindow(ACCOUNT, Backend.CLAUDE, window.getKey(),
                    JsonLines.number(window.getValue(), "utilization"), isType ? status : null,
                    JsonLines.epoch(window.getValue(), "resetsAt"), at));
        }
        if (type != null && !typeSeen) {
            tracker.usage(new UsageWindow(ACCOUNT, Backend.CLAUDE, type, JsonLines.number(info, "utilization"), status,
                    resetsAt, at));
        }
    }

    private void result(JsonNode event, Instant at) {
        tracker.sessionId(text(event, "session_id"));
        JsonNode usage = event.path("usage");
        Long tokensIn = tokensIn(usage);
        Long tokensOut = JsonLines.whole(usage, "output_tokens");
        Double cost = JsonLines.number(event, "total_cost_usd");
        tracker.totals(tokensIn, tokensOut, cost);
        List<String> denials = new ArrayList<>();
        for (JsonNode denial : event.path("permission_denials")) {
            String name = denial.path("tool_name").asText("tool");
            JsonNode input = denial.path("tool_input");
            String shown = title(name, input, tracker.relative(firstText(input, "file_path", "notebook_path")));
            denials.add(shown);
            Integer step = toolSteps.get(denial.path("tool_use_id").asText(""));
            if (step != null) {
                FlowStep s = tracker.step(step);
                tracker.replaceStep(new FlowStep(s.taskId(), s.attempt(), s.index(), s.kind(), s.at(),
                        s.title() + " (permission denied)", s.detail(), s.durationMs(), s.tool(), s.file(),
                        s.tokensIn(), s.tokensOut(), true));
            } else {
                tracker.addStep(FlowStep.Kind.ERROR, at, "Permission denied: " + shown, input.toString(), name,
                        null);
            }
        }

        String subtype = text(event, "subtype");
        String resultText = text(event, "result");
        String summary = resultText != null && !resultText.isBlank() ? resultText : lastText;
        boolean failed = event.path("is_error").asBoolean(false) || !"success".equals(subtype);
        boolean rateLimited = failed && (limitRejected || apiSaidRateLimit
                || event.path("api_error_status").asInt(0) == 429);
        String reason = failed ? failureReason(event, subtype, resultText, rateLimited) : null;
        Long turns = JsonLines.whole(event, "num_turns");
        int step = tracker.addStep(FlowStep.Kind.RESULT, at, failed ? "Failed: " + reason : "Completed", summary,
                null, null);
        FlowStep s = tracker.step(step);
        tracker.replaceStep(new FlowStep(s.taskId(), s.attempt(), s.index(), s.kind(), s.at(), s.title(), s.detail(),
                JsonLines.whole(event, "duration_ms"), null, null, tokensIn, tokensOut, failed));
        tracker.currentStep(failed ? "failed" : "finished");
        outcome = new ParsedResult(failed ? TaskStatus.FAILED : TaskStatus.COMPLETED, summary, tracker.filesEdited(),
                tokensIn, tokensOut, cost, turns == null ? null : turns.intValue(), tracker.sessionId(), rateLimited,
                rateLimited ? limitResetsAt : null, false, reason, denials);
    }

    private static Long tokensIn(JsonNode usage) {
        if (!usage.isObject()) {
            return null;
        }
        return count(usage, "input_tokens") + count(usage, "cache_creation_input_tokens")
                + count(usage, "cache_read_input_tokens");
    }

    @Override
    public synchronized ParsedResult finish(int exitCode) {
        return outcome != null ? outcome : incomplete(exitCode);
    }

    private String failureReason(JsonNode event, String subtype, String resultText, boolean rateLimited) {
        if (rateLimited) {
            String until = limitResetsAt == null ? "" : " until " + limitResetsAt;
            return "rate limited" + until + (resultText == null ? "" : ": " + ProgressTracker.firstLine(resultText));
        }
        if ("error_max_turns".equals(subtype)) {
            return "stopped at the maximum number of turns (" + event.path("num_turns").asText("?") + ")";
        }
        if ("error_max_budget_usd".equals(subtype)) {
            return "stopped at the maximum budget";
        }
        List<String> errors = new ArrayList<>();
        event.path("errors").forEach(e -> errors.add(e.isTextual() ? e.asText() : e.toString()));
        // Claude Code 2.1.197 with --resume of a session it does not have (another machine or directory):
        // "No conversation found with session ID: …", exit 1.
        if (errors.stream().anyMatch(e -> e.startsWith("No conversation found"))) {
            return Outcome.RESUME_REFUSED + ": " + ProgressTracker.clip(String.join("; ", errors), 1000);
        }
        if (resultText != null && !resultText.isBlank()) {
            return ProgressTracker.clip(resultText.strip(), 1000);
        }
        if (!errors.isEmpty()) {
            return ProgressTracker.clip(String.join("; ", errors), 1000);
        }
        return "Claude Code reported " + (subtype == null ? "an error" : subtype);
    }

    /** The stream stopped before its result: say so and keep what was learned. */
    private ParsedResult incomplete(int exitCode) {
        String reason = "the agent's output ended before its final result (exit code " + exitCode + ")"
                + (lastStderr == null ? "" : ": " + lastStderr);
        boolean rateLimited = limitRejected || apiSaidRateLimit;
        return new ParsedResult(TaskStatus.FAILED, lastText, tracker.filesEdited(), tracker.tokensIn(),
                tracker.tokensOut(), tracker.costUsd(), null, tracker.sessionId(), rateLimited,
                rateLimited ? limitResetsAt : null, true, reason, List.of());
    }

    @Override
    public synchronized Updates drain() {
        return tracker.drain();
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
