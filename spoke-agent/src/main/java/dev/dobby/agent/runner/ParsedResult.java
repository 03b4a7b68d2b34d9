package dev.dobby.agent.runner;

import dev.dobby.protocol.TaskStatus;
import java.time.Instant;
import java.util.List;

/**
 * What a parser made of an attempt's output.
 *
 * @param status            the outcome the output implies, or null to decide by exit code alone
 * @param filesChanged      files the agent wrote, relative to its working directory where possible
 * @param tokensIn          input tokens, cache reads and writes included
 * @param rateLimited       the agent stopped on a usage or rate limit
 * @param rateLimitedUntil  when that limit resets, if the agent said
 * @param incomplete        the stream ended before the agent's final report
 * @param reason            a sentence on what went wrong, if something did
 * @param permissionDenials tool calls the agent was not allowed to make ("Write src/App.java")
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
        Instant rateLimitedUntil,
        boolean incomplete,
        String reason,
        List<String> permissionDenials) {

    public ParsedResult {
        filesChanged = filesChanged == null ? List.of() : List.copyOf(filesChanged);
        permissionDenials = permissionDenials == null ? List.of() : List.copyOf(permissionDenials);
    }

    public static ParsedResult summaryOnly(String summary) {
        return new ParsedResult(null, summary, List.of(), null, null, null, null, null, false, null, false, null,
                List.of());
    }

    /** The same result with the files changed as git saw them (for runs in a worktree). */
    public ParsedResult withFilesChanged(List<String> files) {
        return new ParsedResult(status, summary, files, tokensIn, tokensOut, costUsd, turns, sessionId, rateLimited,
                rateLimitedUntil, incomplete, reason, permissionDenials);
    }
}
