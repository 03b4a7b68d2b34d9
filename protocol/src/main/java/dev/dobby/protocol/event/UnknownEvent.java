package dev.dobby.protocol.event;

import java.time.Instant;

/** An event of a type this reader does not know (sent by a newer hub); only its place in the sequence is kept. */
public record UnknownEvent(long seq, Instant at) implements HubEvent {
    @Override
    public String type() {
        return "unknown";
    }

    @Override
    public UnknownEvent withSeq(long value) {
        return new UnknownEvent(value, at);
    }
}
