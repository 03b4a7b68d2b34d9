package dev.dobby.assistant;

/** Tokens and cost of one call; {@code costUsd} is the API price of the tokens (the figure Claude Code reports). */
public record Usage(String model, long tokensIn, long tokensOut, double costUsd) {
}
