package dev.dobby.protocol.work;

import java.time.Instant;

/** One line an agent wrote; {@code stream} is {@code stdout} or {@code stderr}. */
public record OutputLine(String stream, Instant at, String text) {
    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";
}
