package dev.dobby.hub.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Collection;
import java.util.stream.Collectors;

/** Reads request bodies strictly: malformed JSON, unknown fields and bad values come back as a 400 that says which. */
final class Bodies {
    private Bodies() {
    }

    static <T> T read(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw ApiException.badRequest("this request needs a JSON body");
        }
        return parse(body, type);
    }

    /** The body as {@code type}, or {@code empty} when there is no body at all. */
    static <T> T readOptional(Context ctx, Class<T> type, T empty) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return empty;
        }
        return parse(body, type);
    }

    static <T> T parse(byte[] body, Class<T> type) {
        try {
            T value = Json.strict().readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("the JSON body must be an object, not null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(describe(e));
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read: " + e.getMessage());
        }
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            Collection<Object> known = unknown.getKnownPropertyIds();
            String list = known == null ? "" : " (known fields: " + known.stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ")";
            return "unknown field '" + unknown.getPropertyName() + "'" + list;
        }
        if (e instanceof ValueInstantiationException) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae && iae.getMessage() != null) {
                return at(e) + iae.getMessage();
            }
            return at(e) + "has a value of the wrong kind";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
            return at(e) + "must be " + kind(invalid.getTargetType());
        }
        if (e instanceof StreamConstraintsException) {
            return "the JSON body is nested too deeply or a value is too long";
        }
        if (e instanceof MismatchedInputException mismatch) {
            String target = mismatch.getTargetType() == null ? "value" : kind(mismatch.getTargetType());
            return at(e) + "must be " + target;
        }
        if (e instanceof JsonParseException) {
            return "malformed JSON: " + e.getOriginalMessage();
        }
        return "invalid JSON body: " + e.getOriginalMessage();
    }

    private static String at(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return "field '" + field + "' ";
        }
        return "the body ";
    }

    private static String kind(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of the allowed names";
        }
        return "an object";
    }
}
