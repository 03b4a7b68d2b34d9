package dev.dobby.hub.store;

import dev.dobby.protocol.Spoke;
import java.time.Instant;

/** A worker as stored; {@code tokenHash} is null for the hub's own local worker. */
public record SpokeRecord(String id, String tokenHash, boolean local, Spoke.State state,
                          Spoke.Capabilities capabilities, Instant registeredAt, Instant lastHeartbeat) {
}
