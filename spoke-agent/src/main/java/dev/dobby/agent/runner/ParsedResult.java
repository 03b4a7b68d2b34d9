package dev.dobby.agent.runner;

import dev.dobby.protocol.TaskStatus;
import java.util.List;

/**
 * What a parser made of an attempt's output.
 *
 * @param status     the outcome the output implies, or null to decide by exit code alone
 * @param rateLimited      the agent stopped on a usage or rate limit
 * @param rateLimitedUntil when that limit resets, if the agent said
 * @param incomplete the stream ended before the agent's final report
 * @param reason     a sentence on what went wrong, if something did
 */
public record ParsedResult(
        TaskStatus status,
        String summary,
        List<String> filesChanged,
        Long tokensIn,
        Long tokensOut,
        Double costUsd,
        Integer turns,
        String sessionId,
        boolean rateLimited,
        java.time.Instant rateLimitedUntil,
        boolean incomplete,
        String reason) {

    public static ParsedResult summaryOnly(String summary) {
        return new ParsedResult(null, summary, List.of(), null, null, null, null, null, false, null, false, null);
    }
}
