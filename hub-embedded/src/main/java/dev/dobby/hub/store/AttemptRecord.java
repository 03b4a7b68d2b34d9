package dev.dobby.hub.store;

import java.time.Instant;
import java.util.Locale;

/**
 * One claim of a task by a worker.
 *
 * @param token      the fencing token: calls about this attempt must present it
 * @param logChunks  how many log chunks were applied
 * @param logLines   how many output lines are stored for it (a cap may have dropped others)
 * @param progress   the JSON of the parser's latest {@code AgentProgress}
 * @param outcome    the JSON of the finish report, once one was applied
 * @param acceptedAt when the worker confirmed it holds the attempt; null while the assignment may not have
 *                   reached it
 */
public record AttemptRecord(
        long id,
        long taskId,
        int number,
        String worker,
        String token,
        State state,
        Instant leaseUntil,
        Long pid,
        Instant processStart,
        long logChunks,
        long logLines,
        String progress,
        String outcome,
        Instant startedAt,
        Instant endedAt,
        Instant acceptedAt) {

    public enum State {
        /** The worker holds it. */
        RUNNING,
        /** The worker reported its end. */
        FINISHED,
        /** The hub ended it (cancel, hub-side timeout); the worker must stop. */
        STOPPED,
        /** Its lease ran out, or its worker died with the hub. */
        LOST;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static State fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
