package dev.dobby.protocol;

import java.util.List;

/**
 * A slice of a task's log in order.
 *
 * @param next pass as {@code after} to read on; equal to the last line's seq, or the request's {@code after}
 */
public record LogPage(long taskId, List<LogLine> lines, long next, boolean more) {
    public LogPage {
        lines = List.copyOf(lines);
    }
}
