package dev.dobby.protocol;

/**
 * POST /pause and POST /unpause. Every field is optional.
 *
 * @param project     pause (or unpause) only this project; null for the whole hub
 * @param stopRunning with pause: also stop the running tasks of that scope (they end as cancelled, reason "paused")
 * @param by          who asks, shown in waiting reasons ("dispatch is paused (since 14:05 by alice)")
 */
public record PauseRequest(String project, Boolean stopRunning, String by) {
    public static PauseRequest hub() {
        return new PauseRequest(null, null, null);
    }

    public boolean stopsRunning() {
        return Boolean.TRUE.equals(stopRunning);
    }
}
