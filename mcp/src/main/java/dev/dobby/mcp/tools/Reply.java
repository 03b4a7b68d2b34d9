package dev.dobby.mcp.tools;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.dobby.protocol.Json;
import java.util.Map;

/**
 * What a tool answers: text for the model to read and the same facts as a JSON object ({@code structuredContent})
 * for programs. The object is the hub's own wire shape (snake_case, ISO-8601 times).
 */
public record Reply(String text, Map<String, Object> structured) {
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** {@code value} must serialize to a JSON object: a wire record, or a map that wraps a list. */
    public static Reply of(String text, Object value) {
        return new Reply(text, Json.lenient().convertValue(value, OBJECT));
    }
}
