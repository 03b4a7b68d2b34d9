package dev.dobby.protocol;

import java.time.Instant;

/**
 * One line of a task's output.
 *
 * @param seq    position in the hub's single event sequence; increases with every line and event
 * @param stream {@code stdout} or {@code stderr}
 */
public record LogLine(long seq, long taskId, int attempt, String stream, Instant at, String text) {
}
