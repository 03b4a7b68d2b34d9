package dev.dobby.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * One webhook call the hub owes, made or gave up on.
 *
 * @param event      task.completed, task.failed, task.timed_out or task.stale
 * @param target     where it goes, shortened to scheme, host and port (the full URL may hold a secret)
 * @param attempts   how many times the hub tried to send it
 * @param httpStatus the receiver's last answer, if it answered
 * @param error      why the last try failed or why the target was refused
 */
public record WebhookDelivery(
        long id,
        long taskId,
        String event,
        String target,
        State state,
        int attempts,
        Integer httpStatus,
        String error,
        Instant createdAt,
        Instant updatedAt) {

    public enum State {
        /** Not yet delivered; the hub is still trying. */
        PENDING,
        /** The receiver answered 2xx. */
        DELIVERED,
        /** Every try failed. */
        FAILED,
        /** Never sent: the target is not allowed (a private or local address). */
        REFUSED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static State fromWire(String value) {
            return Wire.parse(State.class, value, "delivery state");
        }
    }
}
