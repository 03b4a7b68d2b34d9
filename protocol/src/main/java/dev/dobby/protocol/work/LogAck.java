package dev.dobby.protocol.work;

/** The hub has every chunk before {@code nextExpected}; a worker resends from there. */
public record LogAck(long nextExpected) {
}
