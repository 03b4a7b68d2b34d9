package dev.dobby.protocol.transcript;

import static dev.dobby.protocol.transcript.ToolSummary.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.protocol.transcript.TranscriptEntry.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Codex's {@code exec --json} events as transcript entries: {@code thread.started}, {@code item.*} (messages,
 * reasoning, commands, file changes, MCP calls, web searches, to-do lists), {@code error} retries and the turn's
 * outcome. An item is one entry, updated as its later events arrive.
 */
final class CodexEvents {
    private final TranscriptBuilder out;
    private final Map<String, Integer> items = new HashMap<>();
    private Integer retries;
    private int turns;
    private Instant started;

    CodexEvents(TranscriptBuilder out) {
        this.out = out;
    }

    void reset() {
        items.clear();
        retries = null;
        turns = 0;
        started = null;
    }

    /** Returns false for an event type it does not know, which then appears raw. */
    boolean read(String type, JsonNode event) {
        switch (type) {
            case "thread.started" -> {
                started = out.at();
                out.add(Kind.SESSION, "Session started", "thread " + text(event, "thread_id"), false);
            }
            case "turn.started" -> {
                turns++;
                retries = null;
                if (started == null) {
                    started = out.at();
                }
            }
            case "turn.completed" -> turnCompleted(event.path("usage"));
            case "turn.failed" -> {
                retries = null;
                String message = text(event.path("error"), "message");
                out.closeOpen("no result");
                out.addEntry(Kind.RESULT, "Failed", message == null ? "Codex reported that the turn failed" : message,
                        null, elapsed(), true, false);
            }
            case "item.started", "item.updated", "item.completed" ->
                    item(event.path("item"), type.equals("item.completed"));
            case "error" -> retry(text(event, "message"));
            default -> {
                return false;
            }
        }
        return true;
    }

    private void turnCompleted(JsonNode usage) {
        retries = null;
        out.closeOpen("no result");
        long in = usage.path("input_tokens").asLong();
        long cached = usage.path("cached_input_tokens").asLong();
        String tokens = String.format(Locale.ROOT, "%,d in%s · %,d out tokens", in,
                cached > 0 ? String.format(Locale.ROOT, " (%,d cached)", cached) : "", usage.path("output_tokens").asLong());
        String elapsed = elapsed();
        String summary = null;
        for (int i = out.size() - 1; i >= 0; i--) {
            TranscriptEntry e = out.get(i);
            if (e.kind() == Kind.MESSAGE) {
                summary = e.text();
                break;
            }
            if (e.kind() == Kind.RESULT || e.kind() == Kind.ATTEMPT) {
                break;
            }
        }
        out.addEntry(Kind.RESULT, turns > 1 ? "Turn " + turns + " completed" : "Completed", summary, null,
                tokens + (elapsed == null ? "" : " · " + elapsed), false, false);
    }

    private String elapsed() {
        return started == null ? null : TranscriptBuilder.duration(Duration.between(started, out.at()).toMillis());
    }

    /** Reconnect attempts are one entry, updated in place: they are retries, and the outcome follows. */
    private void retry(String message) {
        String shown = message == null ? "Error" : message;
        if (retries == null) {
            retries = out.add(Kind.ERROR, ToolSummary.firstLine(shown), shown, true);
        } else {
            TranscriptEntry e = out.get(retries);
            out.update(retries, ToolSummary.firstLine(shown), e.text() + "\n" + shown, null, null, true, false);
        }
    }

    private void item(JsonNode item, boolean completed) {
        String id = text(item, "id");
        String type = text(item, "type");
        if (id == null || type == null) {
            return;
        }
        String status = item.path("status").asText("");
        boolean done = completed || status.equals("completed") || status.equals("failed")
                || status.equals("declined");
        switch (type) {
            case "agent_message" -> {
                String text = item.path("text").asText("");
                show(id, Kind.MESSAGE, ToolSummary.firstLine(text), text, null, null, false, !completed);
            }
            case "reasoning" -> show(id, Kind.THINKING, "Thinking", item.path("text").asText(""), null, null, false,
                    !completed);
            case "command_execution" -> {
                String command = ToolSummary.unwrapShell(item.path("command").asText(""));
                String output = null;
                String meta = null;
                boolean failed = false;
                if (done) {
                    JsonNode exit = item.get("exit_code");
                    boolean hasExit = exit != null && exit.isNumber();
                    failed = !status.equals("completed") || hasExit && exit.asInt() != 0;
                    String[] folded = TranscriptBuilder.folded(item.path("aggregated_output").asText(""));
                    output = folded[0];
                    meta = (hasExit ? "exit " + exit.asInt() : status) + " · " + folded[1];
                }
                show(id, Kind.TOOL, "Bash: " + ToolSummary.firstLine(command), command, output, meta, failed, !done);
            }
            case "file_change" -> {
                StringBuilder list = new StringBuilder();
                String title = null;
                int count = 0;
                for (JsonNode change : item.path("changes")) {
                    String kind = change.path("kind").asText("update");
                    String path = change.path("path").asText("");
                    list.append(kind).append(' ').append(path).append('\n');
                    title = verb(kind) + " " + path;
                    count++;
                }
                boolean failed = done && !status.equals("completed");
                show(id, Kind.TOOL, count == 1 ? title : "Edit " + count + " files",
                        count == 1 ? null : list.toString().strip(),
                        null, done ? (failed ? status : "applied") : null, failed, !done);
            }
            case "mcp_tool_call" -> {
                JsonNode arguments = item.path("arguments");
                String error = text(item.path("error"), "message");
                JsonNode result = item.path("result").path("content");
                String[] folded = TranscriptBuilder.folded(error != null ? error
                        : result.isMissingNode() ? null : result.toString());
                show(id, Kind.TOOL, item.path("server").asText("?") + "." + item.path("tool").asText("?"),
                        arguments.isMissingNode() ? null : arguments.toPrettyString(), done ? folded[0] : null,
                        done ? folded[1] : null, done && (error != null || status.equals("failed")), !done);
            }
            case "web_search" -> show(id, Kind.TOOL, "Web search: " + item.path("query").asText(""),
                    item.path("query").asText(""), null, null, false, !completed);
            case "todo_list" -> {
                StringBuilder list = new StringBuilder();
                for (JsonNode todo : item.path("items")) {
                    list.append(todo.path("completed").asBoolean() ? "[x] " : "[ ] ")
                            .append(todo.path("text").asText()).append('\n');
                }
                show(id, Kind.MESSAGE, "To-do list", list.toString().strip(), null, null, false, !completed);
            }
            case "error" -> {
                String message = item.path("message").asText("");
                show(id, Kind.ERROR, ToolSummary.firstLine(message), message, null, null, true, false);
            }
            default -> {
                // item types a later version adds: the raw view has them
            }
        }
    }

    private static String verb(String kind) {
        return switch (kind) {
            case "add" -> "Create";
            case "delete" -> "Delete";
            default -> "Edit";
        };
    }

    private void show(String id, Kind kind, String title, String text, String output, String meta, boolean error,
                      boolean open) {
        Integer existing = items.get(id);
        if (existing == null) {
            items.put(id, out.addEntry(kind, title, text, output, meta, error, open));
        } else {
            out.update(existing, title, text, output, meta, error, open);
        }
    }
}
