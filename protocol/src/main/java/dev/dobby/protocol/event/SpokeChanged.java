package dev.dobby.protocol.event;

import dev.dobby.protocol.Spoke;
import java.time.Instant;

/** A worker came online, started draining, stopped, or was lost. */
public record SpokeChanged(long seq, Instant at, Spoke spoke) implements HubEvent {
    public static final String TYPE = "spoke.changed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SpokeChanged withSeq(long value) {
        return new SpokeChanged(value, at, spoke);
    }
}
