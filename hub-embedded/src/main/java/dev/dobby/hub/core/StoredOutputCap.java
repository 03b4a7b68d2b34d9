package dev.dobby.hub.core;

import dev.dobby.protocol.work.OutputLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bounds the output lines the hub stores for one attempt, so a runaway agent cannot grow the database without
 * end. Past the cap one line says so and the rest is dropped; the run itself goes on undisturbed.
 */
final class StoredOutputCap {
    private final int maxLines;

    StoredOutputCap(int maxLines) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("the cap on stored output lines must be at least 1");
        }
        this.maxLines = maxLines;
    }

    /** The lines of a chunk to store, given how many the attempt has stored already (the notice included). */
    List<OutputLine> admit(long storedAlready, List<OutputLine> lines, Instant now) {
        long room = maxLines - storedAlready;
        if (lines.size() <= room) {
            return lines;
        }
        if (room < 0) {
            return List.of();
        }
        List<OutputLine> admitted = new ArrayList<>(lines.subList(0, (int) room));
        admitted.add(new OutputLine("stderr", now, notice()));
        return admitted;
    }

    String notice() {
        // Every attempt's supervisor spools the whole output on its worker; the hub keeps a bounded copy.
        return String.format(Locale.ROOT, "… output beyond %,d lines is not stored here (max_log_lines_per_attempt); "
                + "the agent ran on, and its full output stays in the attempt's folder on its worker for 7 days",
                maxLines);
    }
}
