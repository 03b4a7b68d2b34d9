package dev.dobby.protocol.transcript;

import java.util.List;

/**
 * A task's log read as a transcript, or the part of it from entry {@code from} on.
 *
 * @param from     the index of the first entry in {@code entries}
 * @param openFrom entries before this index are final; ask again {@code from} here to follow a running task
 * @param lastSeq  the last log line read, so a client can tell whether newer lines have arrived since
 */
public record Transcript(long taskId, int from, List<TranscriptEntry> entries, int openFrom, long lastSeq) {
    public Transcript {
        entries = List.copyOf(entries);
    }
}
