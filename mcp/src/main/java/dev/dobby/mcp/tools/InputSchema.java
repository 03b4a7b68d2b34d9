package dev.dobby.mcp.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of a tool's arguments: an object whose properties are listed one by one, with unknown
 * properties refused, so that a misspelt argument is reported instead of silently ignored.
 */
public final class InputSchema {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    public static InputSchema object() {
        return new InputSchema();
    }

    public InputSchema required(String name, Map<String, Object> property) {
        properties.put(name, property);
        required.add(name);
        return this;
    }

    public InputSchema optional(String name, Map<String, Object> property) {
        properties.put(name, property);
        return this;
    }

    public Map<String, Object> build() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.copyOf(properties));
        if (!required.isEmpty()) {
            schema.put("required", List.copyOf(required));
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    // ---- property shapes

    public static Map<String, Object> text(String description, int maxLength) {
        return Map.of("type", "string", "description", description, "minLength", 1, "maxLength", maxLength);
    }

    /** A project, spoke or tag name as the hub accepts it. */
    public static Map<String, Object> name(String description) {
        return Map.of("type", "string", "description", description, "pattern", "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
    }

    /** An id: a whole number from 1. */
    public static Map<String, Object> id(String description) {
        return Map.of("type", "integer", "description", description, "minimum", 1);
    }

    public static Map<String, Object> integer(String description, long minimum, long maximum) {
        return Map.of("type", "integer", "description", description, "minimum", minimum, "maximum", maximum);
    }

    public static Map<String, Object> integer(String description, long minimum, long maximum, long byDefault) {
        return Map.of("type", "integer", "description", description, "minimum", minimum, "maximum", maximum,
                "default", byDefault);
    }

    public static Map<String, Object> flag(String description, boolean byDefault) {
        return Map.of("type", "boolean", "description", description, "default", byDefault);
    }

    public static Map<String, Object> choice(String description, String... values) {
        return Map.of("type", "string", "description", description, "enum", List.of(values));
    }

    public static Map<String, Object> listOf(String description, Map<String, Object> item, int maxItems) {
        return Map.of("type", "array", "description", description, "items", item, "maxItems", maxItems);
    }

    public static Map<String, Object> listOf(String description, Map<String, Object> item, int minItems,
                                             int maxItems) {
        return Map.of("type", "array", "description", description, "items", item, "minItems", minItems,
                "maxItems", maxItems);
    }

    /** An item of a list: the shape without a description of its own. */
    public static Map<String, Object> item(Map<String, Object> shape) {
        Map<String, Object> copy = new LinkedHashMap<>(shape);
        copy.remove("description");
        return Map.copyOf(copy);
    }

    /** The lowercase wire names of an enum, for {@link #choice}. */
    public static <E extends Enum<E>> String[] wireNames(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(java.util.Locale.ROOT))
                .toArray(String[]::new);
    }
}
