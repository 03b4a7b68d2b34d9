package dev.dobby.protocol;

/**
 * One call to a language model made for Dobby's own work (reading a Slack request, writing a summary), recorded so
 * its cost shows in the stats.
 *
 * @param purpose what it was for, such as {@code slack-request}
 * @param by      which assistant answered, such as {@code Claude Code (claude-haiku-4-5)}
 * @param costUsd API-equivalent price of its tokens
 */
public record AssistantCall(String purpose, String by, String model, long tokensIn, long tokensOut, double costUsd) {
}
