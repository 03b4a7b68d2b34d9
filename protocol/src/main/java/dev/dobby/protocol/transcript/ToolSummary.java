package dev.dobby.protocol.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One-line descriptions of what an agent's tool call does ("Write src/App.java", "Bash: npm test",
 * "Grep: TODO"), shared by the flow steps a worker reports and the transcripts clients show.
 */
public final class ToolSummary {
    private static final Pattern SHELL_WRAPPER = Pattern.compile("^/bin/(?:ba|z)?sh -lc '(.*)'$", Pattern.DOTALL);

    private ToolSummary() {
    }

    /**
     * @param name  the tool's name as the agent calls it
     * @param input its input object (may be missing)
     * @param file  the file it works on, as it should be shown, or null
     */
    public static String of(String name, JsonNode input, String file) {
        if (file != null) {
            return name + " " + file;
        }
        if ("Bash".equals(name)) {
            return name + ": " + firstLine(text(input, "command"));
        }
        String subject = firstText(input, "description", "pattern", "query", "url", "prompt", "path");
        String shown = name.startsWith("mcp__") ? name.substring(5).replaceFirst("__", ".") : name;
        return subject == null ? shown : shown + ": " + firstLine(subject);
    }

    /** The file a Claude Code tool works on ({@code file_path}, {@code notebook_path}), or null. */
    public static String file(JsonNode input) {
        return firstText(input, "file_path", "notebook_path");
    }

    /** {@code /bin/bash -lc 'cat x'} shows as {@code cat x}. */
    public static String unwrapShell(String command) {
        Matcher m = SHELL_WRAPPER.matcher(command.strip());
        return m.matches() && !m.group(1).contains("'") ? m.group(1) : command;
    }

    /** The first non-blank line of {@code text}, stripped; empty for null. */
    public static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        // A scan rather than split("\\R"): a long message would be cut into all of its lines to keep the first.
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = start;
            while (end < length && !lineBreak(text.charAt(end))) {
                end++;
            }
            String line = text.substring(start, end).strip();
            if (!line.isEmpty()) {
                return line;
            }
            start = end + 1;
        }
        return "";
    }

    /** The characters {@code \R} matches (a CR LF pair reads as a line break and an empty line, which is skipped). */
    private static boolean lineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
