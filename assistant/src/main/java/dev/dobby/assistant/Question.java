package dev.dobby.assistant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One question for an {@link Assistant}.
 *
 * @param purpose   what the answer is for ("slack-request", "slack-summary"), recorded with its cost
 * @param prompt    the whole prompt: the caller builds it from the data the job needs and nothing else
 * @param schema    a JSON schema the answer must follow (an object); null for free text
 * @param maxTokens a bound on the answer's length
 */
public record Question(String purpose, String prompt, JsonNode schema, int maxTokens) {
    public boolean structured() {
        return schema != null;
    }
}
