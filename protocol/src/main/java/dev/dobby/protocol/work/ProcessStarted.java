package dev.dobby.protocol.work;

import java.time.Instant;

/** Body of {@code POST /attempts/{id}/started}: the agent's process, so a restarted hub can find it. */
public record ProcessStarted(long pid, Instant processStart) {
}
