package dev.dobby.hub.store;

/** A webhook call still to make: where, and the JSON body to send. */
public record WebhookRecord(long id, long taskId, String event, String url, String payload, int attempts) {
}
