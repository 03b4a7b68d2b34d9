package dev.dobby.assistant;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which assistants to use, from the environment (or .env):
 * <ul>
 * <li>{@code DOBBY_ASSISTANT}: {@code auto} (default: Claude Code when {@code claude} is on the PATH, then the API
 *     when a key is set), or a comma list of {@code claude}, {@code api}; {@code rules} for none;</li>
 * <li>{@code DOBBY_ASSISTANT_MODEL} (default {@value #DEFAULT_MODEL}), {@code DOBBY_ASSISTANT_TIMEOUT} in seconds
 *     (default 60), {@code DOBBY_CLAUDE_BIN} (default {@code claude} on the PATH);</li>
 * <li>{@code ANTHROPIC_API_KEY} and {@code ANTHROPIC_BASE_URL} for the API.</li>
 * </ul>
 */
public record AssistantSettings(List<String> order, String model, Duration timeout, String claudeExecutable,
                                String apiKey, String baseUrl) {
    public static final String DEFAULT_MODEL = "claude-haiku-4-5";

    public static AssistantSettings from(Map<String, String> env) {
        String choice = value(env, "DOBBY_ASSISTANT", "auto").toLowerCase(Locale.ROOT);
        String claude = value(env, "DOBBY_CLAUDE_BIN", null);
        String key = value(env, "ANTHROPIC_API_KEY", null);
        List<String> order = new ArrayList<>();
        if (choice.equals("auto")) {
            if (claude != null || onPath("claude", env.get("PATH"))) {
                order.add("claude");
            }
            if (key != null) {
                order.add("api");
            }
        } else if (!choice.equals("rules")) {
            for (String one : choice.split("\\s*,\\s*")) {
                if (!one.equals("claude") && !one.equals("api")) {
                    throw new IllegalArgumentException("DOBBY_ASSISTANT: '" + one
                            + "' is not one of auto, claude, api, rules");
                }
                if (one.equals("api") && key == null) {
                    throw new IllegalArgumentException("DOBBY_ASSISTANT names api but ANTHROPIC_API_KEY is not set");
                }
                order.add(one);
            }
        }
        long seconds;
        try {
            seconds = Long.parseLong(value(env, "DOBBY_ASSISTANT_TIMEOUT", "60"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("DOBBY_ASSISTANT_TIMEOUT must be a number of seconds");
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("DOBBY_ASSISTANT_TIMEOUT must be at least 1 second");
        }
        return new AssistantSettings(List.copyOf(order), value(env, "DOBBY_ASSISTANT_MODEL", DEFAULT_MODEL),
                Duration.ofSeconds(seconds), claude != null ? claude : "claude", key,
                value(env, "ANTHROPIC_BASE_URL", null));
    }

    /** The assistants, in order. */
    public FirstAvailable assistants() {
        List<Assistant> out = new ArrayList<>();
        for (String one : order) {
            out.add(one.equals("claude") ? new ClaudeCodeAssistant(claudeExecutable, model, timeout)
                    : new MessagesApiAssistant(apiKey, baseUrl, model, timeout, 2));
        }
        return new FirstAvailable(out);
    }

    private static boolean onPath(String program, String path) {
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String value(Map<String, String> env, String key, String fallback) {
        String v = env.get(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    @Override
    public String toString() {
        return "AssistantSettings[order=" + order + ", model=" + model + ", timeout=" + timeout + ", apiKey="
                + (apiKey == null ? "none" : "set") + ", baseUrl=" + baseUrl + "]";
    }
}
