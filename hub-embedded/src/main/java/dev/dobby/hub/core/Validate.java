package dev.dobby.hub.core;

import dev.dobby.protocol.ApiException;
import java.util.List;
import java.util.regex.Pattern;

/** Checks of request fields, each failing with a 400 that names the field and what it accepts. */
final class Validate {
    static final int MAX_DESCRIPTION = 100_000;
    /**
     * A description reaches the agent as one command-line argument, and Linux refuses any argument over 128 KiB
     * (MAX_ARG_STRLEN) with "Argument list too long", so a longer one could never start. The rest of the 128 KiB
     * is left for what a backend adds around it.
     */
    static final int MAX_DESCRIPTION_BYTES = 100_000;
    static final int MAX_CONTEXT = 32_000;
    static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Validate() {
    }

    static String requireText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        if (value.length() > max) {
            throw ApiException.badRequest(field + " is longer than " + max + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw ApiException.badRequest(field + " must not contain NUL characters");
        }
        return value;
    }

    /** A task's description: text that fits in one command-line argument. */
    static String description(String value) {
        String text = requireText(value, "description", MAX_DESCRIPTION);
        long bytes = utf8Length(text);
        if (bytes > MAX_DESCRIPTION_BYTES) {
            throw ApiException.badRequest("description is " + kib(bytes) + " KiB (" + bytes + " bytes of UTF-8); the"
                    + " limit is " + MAX_DESCRIPTION_BYTES + " bytes, because an agent gets it as one command-line"
                    + " argument: put the details in a file in the project and point the description at it");
        }
        return text;
    }

    private static String kib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1024.0);
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    static String optionalText(String value, String field, int max) {
        return value == null ? null : requireText(value, field, max);
    }

    static String name(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        if (!NAME.matcher(value).matches()) {
            throw ApiException.badRequest(field + " '" + value + "' must be 1-64 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
        return value;
    }

    static List<String> names(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        values.forEach(v -> name(v, field));
        return List.copyOf(values.stream().distinct().toList());
    }

    private static final java.util.Set<String> PERMISSION_MODES =
            java.util.Set.of("default", "acceptEdits", "plan", "bypassPermissions");
    private static final java.util.Set<String> SANDBOXES =
            java.util.Set.of("read-only", "workspace-write", "danger-full-access");
    private static final Pattern TOOL = Pattern.compile("[A-Za-z0-9_.:*()/ -]{1,200}");

    static dev.dobby.protocol.AgentOptions agent(dev.dobby.protocol.AgentOptions options) {
        if (options == null) {
            return dev.dobby.protocol.AgentOptions.NONE;
        }
        if (options.model() != null && !options.model().matches("[A-Za-z0-9._:/\\[\\]-]{1,100}")) {
            throw ApiException.badRequest("agent.model '" + options.model() + "' is not a model name");
        }
        if (options.permissionMode() != null && !PERMISSION_MODES.contains(options.permissionMode())) {
            throw ApiException.badRequest("agent.permission_mode must be one of " + String.join(", ", PERMISSION_MODES));
        }
        if (options.sandbox() != null && !SANDBOXES.contains(options.sandbox())) {
            throw ApiException.badRequest("agent.sandbox must be one of " + String.join(", ", SANDBOXES));
        }
        range(options.maxTurns(), 1, 1000, 1, "agent.max_turns");
        for (String tool : concat(options.allowedTools(), options.disallowedTools())) {
            if (!TOOL.matcher(tool).matches()) {
                throw ApiException.badRequest("'" + tool + "' is not a tool name or pattern");
            }
        }
        optionalText(options.appendSystemPrompt(), "agent.append_system_prompt", MAX_CONTEXT);
        optionalText(options.mcpConfig(), "agent.mcp_config", MAX_CONTEXT);
        if (options.resumeSession() != null && !options.resumeSession().matches("[A-Za-z0-9_-]{1,100}")) {
            throw ApiException.badRequest("agent.resume_session is not a session id");
        }
        return options;
    }

    /** The agent options with the task's cost cap: the top-level max_cost_usd wins over agent.max_cost_usd. */
    static dev.dobby.protocol.AgentOptions costCap(dev.dobby.protocol.AgentOptions options, Double topLevel) {
        Double cap = topLevel != null ? topLevel : options.maxCostUsd();
        if (cap == null) {
            return options;
        }
        if (!Double.isFinite(cap) || cap <= 0 || cap > 1_000_000) {
            throw ApiException.badRequest("max_cost_usd must be more than 0 (US dollars), at most 1000000");
        }
        return options.withMaxCostUsd(cap);
    }

    /** A GPU request: 0 to 64 GPUs; a model and a memory size only with at least one GPU. */
    static dev.dobby.protocol.GpuRequest gpus(dev.dobby.protocol.GpuRequest request) {
        if (request.count() < 0 || request.count() > 64) {
            throw ApiException.badRequest("gpus must be from 0 to 64");
        }
        if (request.count() == 0 && (request.model() != null || request.memoryMb() != null)) {
            throw ApiException.badRequest("gpu_model and gpu_memory_mb need gpus of 1 or more");
        }
        if (request.model() != null && (request.model().isBlank() || request.model().length() > 100)) {
            throw ApiException.badRequest("gpu_model must be a part of a GPU's name (1 to 100 characters)");
        }
        if (request.memoryMb() != null && (request.memoryMb() < 1 || request.memoryMb() > 16L * 1024 * 1024)) {
            throw ApiException.badRequest("gpu_memory_mb must be from 1 to 16777216 (MiB free per GPU)");
        }
        return request.model() == null ? request
                : new dev.dobby.protocol.GpuRequest(request.count(), request.model().strip(), request.memoryMb());
    }

    /** A budget in US dollars: null (none) or from 0 up. */
    static void budget(Double value, String field) {
        if (value != null && (!Double.isFinite(value) || value < 0 || value > 100_000_000)) {
            throw ApiException.badRequest(field + " must be an amount of US dollars from 0 up");
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static Integer timeout(Integer seconds, String field) {
        if (seconds != null && (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS)) {
            throw ApiException.badRequest(field + " must be between 1 and " + MAX_TIMEOUT_SECONDS + " seconds");
        }
        return seconds;
    }

    static int range(Integer value, int min, int max, int fallback, String field) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw ApiException.badRequest(field + " must be between " + min + " and " + max);
        }
        return value;
    }

    /** An http(s) URL with a host, or "" (which clears a project's webhook); where it points is checked when sending. */
    static String webhookUrl(String value, String field) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (value.length() > 2000) {
            throw ApiException.badRequest(field + " is longer than 2000 characters");
        }
        try {
            java.net.URI uri = java.net.URI.create(value.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field + " must be an http:// or https:// URL, or \"\" to remove it");
        }
        return value;
    }
}
