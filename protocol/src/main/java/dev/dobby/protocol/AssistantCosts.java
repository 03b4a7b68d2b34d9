package dev.dobby.protocol;

/** What Dobby's own language-model calls have used: in all, and over the last 30 days. */
public record AssistantCosts(long calls, long tokensIn, long tokensOut, double costUsd, long callsLast30Days,
                             double costUsdLast30Days) {
}
