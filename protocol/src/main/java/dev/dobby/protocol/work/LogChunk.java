package dev.dobby.protocol.work;

import java.util.List;

/** Consecutive output lines; {@code number} counts chunks from 1 within an attempt. */
public record LogChunk(long number, List<OutputLine> lines) {
    public LogChunk {
        lines = List.copyOf(lines);
    }
}
