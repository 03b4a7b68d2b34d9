package dev.dobby.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * The JSON conventions of the wire: snake_case names, ISO-8601 instants, lowercase enum names.
 *
 * <p>{@link #strict()} is for what the hub accepts: unknown fields are an error, so a typo in a request is
 * refused instead of silently ignored. {@link #lenient()} is for what clients read, so an older client keeps
 * working against a newer hub that added fields.
 */
public final class Json {
    private static final ObjectMapper LENIENT = build(false);

    /** Built on first use: only the hub reads strictly, and a mapper costs a CLI command tens of milliseconds. */
    private static final class Strict {
        static final ObjectMapper MAPPER = build(true);
    }

    private Json() {
    }

    public static ObjectMapper strict() {
        return Strict.MAPPER;
    }

    public static ObjectMapper lenient() {
        return LENIENT;
    }

    /** Compact JSON of any wire value. */
    public static String write(Object value) {
        try {
            return LENIENT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Read a wire value leniently; malformed text is an {@link UncheckedIOException}. */
    public static <T> T read(String text, Class<T> type) {
        try {
            return LENIENT.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectMapper build(boolean strict) {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strict)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, strict)
                .configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, strict)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(8 * 1024 * 1024)
                .build());
        return mapper;
    }
}
