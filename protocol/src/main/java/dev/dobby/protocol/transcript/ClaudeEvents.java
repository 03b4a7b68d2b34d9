package dev.dobby.protocol.transcript;

import static dev.dobby.protocol.transcript.ToolSummary.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.protocol.UsageText;
import dev.dobby.protocol.transcript.TranscriptEntry.Kind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Claude Code's {@code --output-format stream-json --verbose} events as transcript entries: one {@code assistant}
 * line per content block (text, thinking, tool_use), {@code user} lines carrying tool results, {@code system}
 * init and retries, {@code rate_limit_event} and the final {@code result}.
 */
final class ClaudeEvents {
    private static final DateTimeFormatter RESET_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final TranscriptBuilder out;
    /** tool_use id to its entry, kept after the result for permission denials. */
    private final Map<String, Integer> tools = new HashMap<>();
    private String cwd;

    ClaudeEvents(TranscriptBuilder out) {
        this.out = out;
    }

    void reset() {
        tools.clear();
        cwd = null;
    }

    /** Returns false for an event it cannot show, which then appears raw. */
    boolean read(String type, JsonNode event) {
        return switch (type) {
            case "system" -> system(event);
            case "assistant" -> assistant(event);
            case "user" -> user(event);
            case "rate_limit_event" -> rateLimit(event.path("rate_limit_info"));
            case "result" -> result(event);
            default -> true; // stream_event: partial deltas, whose whole blocks follow as assistant lines
        };
    }

    private boolean system(JsonNode event) {
        String subtype = text(event, "subtype");
        if ("init".equals(subtype)) {
            cwd = text(event, "cwd");
            String model = text(event, "model");
            int toolCount = event.path("tools").size();
            out.add(Kind.SESSION, "Session started" + (model == null ? "" : " · " + model),
                    "cwd: " + cwd + "\npermission mode: " + text(event, "permissionMode") + "\ntools: " + toolCount
                            + "\nsession: " + text(event, "session_id"), false);
        } else if ("api_retry".equals(subtype)) {
            out.add(Kind.ERROR, ("API retry " + event.path("attempt").asText("?") + "/"
                    + event.path("max_retries").asText("?") + " (" + event.path("error_status").asText("?") + " "
                    + event.path("error").asText("") + ")").replace(" )", ")"), null, true);
        }
        // hooks, compaction and other notices are left out: the raw view has them
        return true;
    }

    private boolean assistant(JsonNode event) {
        JsonNode content = event.path("message").path("content");
        if (!content.isArray()) {
            return false;
        }
        String error = text(event, "error");
        for (JsonNode block : content) {
            switch (block.path("type").asText("")) {
                case "text" -> {
                    String text = block.path("text").asText("");
                    if (text.isBlank()) {
                        continue;
                    }
                    if (error != null) {
                        out.add("rate_limit".equals(error) ? Kind.LIMIT : Kind.ERROR, ToolSummary.firstLine(text),
                                text, true);
                    } else {
                        out.add(Kind.MESSAGE, ToolSummary.firstLine(text), text, false);
                    }
                }
                case "thinking" -> out.add(Kind.THINKING, "Thinking", block.path("thinking").asText(""), false);
                case "redacted_thinking" -> out.add(Kind.THINKING, "Thinking (redacted)", null, false);
                case "tool_use" -> toolUse(block);
                default -> {
                }
            }
        }
        return true;
    }

    private void toolUse(JsonNode block) {
        String name = block.path("name").asText("tool");
        JsonNode input = block.path("input");
        String title = ToolSummary.of(name, input, relative(ToolSummary.file(input)));
        int index = out.addEntry(Kind.TOOL, title, input(name, input), null, null, false, true);
        String id = text(block, "id");
        if (id != null) {
            tools.put(id, index);
        }
    }

    /** What the call was given, readably: a command as it is, anything else as its JSON. */
    private static String input(String name, JsonNode input) {
        if ("Bash".equals(name)) {
            String description = text(input, "description");
            String command = input.path("command").asText("");
            return description == null ? command : "# " + description + "\n" + command;
        }
        if (input.isMissingNode() || input.isNull()) {
            return null;
        }
        return input.toPrettyString();
    }

    private boolean user(JsonNode event) {
        JsonNode content = event.path("message").path("content");
        for (JsonNode block : content) {
            if (!"tool_result".equals(block.path("type").asText())) {
                continue;
            }
            Integer index = tools.get(block.path("tool_use_id").asText(""));
            if (index == null) {
                continue;
            }
            TranscriptEntry call = out.get(index);
            String[] folded = TranscriptBuilder.folded(resultText(block.get("content")));
            out.update(index, call.title(), call.text(), folded[0], folded[1],
                    block.path("is_error").asBoolean(false), false);
        }
        return true;
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
            } else if (part.has("type")) {
                text.append(text.isEmpty() ? "" : "\n").append('[').append(part.path("type").asText()).append(']');
            }
        }
        return text.toString();
    }

    private boolean rateLimit(JsonNode info) {
        String status = text(info, "status");
        if (status == null || "allowed".equals(status)) {
            return true;
        }
        String window = UsageText.windowName(info.path("rateLimitType").asText("usage"));
        Instant resets = epoch(info.get("resetsAt"));
        String when = resets == null ? "" : ", resets " + RESET_TIME.format(resets);
        if ("rejected".equals(status)) {
            out.add(Kind.LIMIT, "Usage limit reached: " + window + when, info.toString(), true);
        } else {
            JsonNode used = info.get("utilization");
            String share = used != null && used.isNumber()
                    ? Math.round(used.asDouble() * 100) + "% of the " + window + " used"
                    : window + ": " + status.replace('_', ' ');
            out.add(Kind.LIMIT, share + when, info.toString(), false);
        }
        return true;
    }

    private boolean result(JsonNode event) {
        List<String> denied = new ArrayList<>();
        for (JsonNode denial : event.path("permission_denials")) {
            String name = denial.path("tool_name").asText("tool");
            JsonNode input = denial.path("tool_input");
            Integer index = tools.get(denial.path("tool_use_id").asText(""));
            if (index != null) {
                TranscriptEntry call = out.get(index);
                out.update(index, call.title() + " — permission denied", call.text(), call.output(),
                        call.meta(), true, false);
            } else {
                denied.add(ToolSummary.of(name, input, relative(ToolSummary.file(input))));
            }
        }
        for (String call : denied) {
            out.add(Kind.ERROR, "Permission denied: " + call, null, true);
        }
        out.closeOpen("no result");
        String subtype = text(event, "subtype");
        boolean failed = event.path("is_error").asBoolean(false) || !"success".equals(subtype);
        String summary = text(event, "result");
        String title = failed ? "Failed" + (subtype != null && !"success".equals(subtype)
                ? " (" + subtype.replace('_', ' ') + ")" : "") : "Completed";
        out.addEntry(Kind.RESULT, title, summary, null, facts(event), failed, false);
        return true;
    }

    /** "$0.0025 · 240 in · 50 out tokens · 0.3 s · 2 turns". */
    private static String facts(JsonNode event) {
        List<String> facts = new ArrayList<>();
        JsonNode cost = event.get("total_cost_usd");
        if (cost != null && cost.isNumber()) {
            facts.add(String.format(Locale.ROOT, "$%.4f", cost.asDouble()));
        }
        JsonNode usage = event.path("usage");
        if (usage.isObject()) {
            long in = usage.path("input_tokens").asLong() + usage.path("cache_read_input_tokens").asLong()
                    + usage.path("cache_creation_input_tokens").asLong();
            facts.add(String.format(Locale.ROOT, "%,d in · %,d out tokens", in, usage.path("output_tokens").asLong()));
        }
        JsonNode ms = event.get("duration_ms");
        if (ms != null && ms.isNumber()) {
            facts.add(TranscriptBuilder.duration(ms.asLong()));
        }
        JsonNode turns = event.get("num_turns");
        if (turns != null && turns.isNumber()) {
            facts.add(turns.asInt() + (turns.asInt() == 1 ? " turn" : " turns"));
        }
        JsonNode status = event.get("api_error_status");
        if (status != null && status.isNumber()) {
            facts.add("API status " + status.asInt());
        }
        return facts.isEmpty() ? null : String.join(" · ", facts);
    }

    private String relative(String file) {
        if (file == null || cwd == null) {
            return file;
        }
        String root = cwd.endsWith("/") ? cwd : cwd + "/";
        return file.startsWith(root) && file.length() > root.length() ? file.substring(root.length()) : file;
    }

    static Instant epoch(JsonNode value) {
        if (value == null || !value.isNumber() || value.asLong() <= 0) {
            return null;
        }
        long n = value.asLong();
        return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
    }
}
