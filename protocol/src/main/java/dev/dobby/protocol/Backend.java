package dev.dobby.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which agent runs a task: Claude Code, Codex, or the description run as a shell command. */
public enum Backend {
    CLAUDE, CODEX, SHELL;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Backend fromWire(String value) {
        return Wire.parse(Backend.class, value, "backend");
    }
}
