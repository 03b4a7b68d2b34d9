package dev.dobby.assistant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an {@link Assistant} answered.
 *
 * @param structured the answer as JSON when the question had a schema (not yet checked against it), else null
 * @param text       the answer as text (for a structured answer, its JSON)
 * @param by         the assistant's {@link Assistant#name()}
 * @param usage      what the call used
 */
public record Answer(JsonNode structured, String text, String by, Usage usage) {
}
