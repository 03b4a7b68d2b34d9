package dev.dobby.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Which agent runs a task: Claude Code, Codex, the description run as a shell command, or a Claude Code Remote
 * Control session ({@code session}: the description is the session's name; see docs/remote.md).
 */
public enum Backend {
    CLAUDE, CODEX, SHELL, SESSION;

    /** The backends a person picks for a task; sessions are opened through /sessions instead. */
    public static java.util.List<Backend> forTasks() {
        return java.util.List.of(CLAUDE, CODEX, SHELL);
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Backend fromWire(String value) {
        return Wire.parse(Backend.class, value, "backend");
    }
}
