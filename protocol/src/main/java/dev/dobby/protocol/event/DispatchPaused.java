package dev.dobby.protocol.event;

import dev.dobby.protocol.PauseState;
import java.time.Instant;

/** Dispatch was paused or resumed, for the hub or a project: {@code state} is the kill switch as it is now. */
public record DispatchPaused(long seq, Instant at, PauseState state) implements HubEvent {
    public static final String TYPE = "dispatch.paused";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public DispatchPaused withSeq(long value) {
        return new DispatchPaused(value, at, state);
    }
}
