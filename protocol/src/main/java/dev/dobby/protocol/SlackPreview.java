package dev.dobby.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A preview the Slack bot posted and is waiting on (a ✅ queues it, ❌ drops it, a reply in its thread edits it),
 * kept in the hub so that a restarted bot still knows it.
 *
 * @param channel   the Slack channel it was posted in
 * @param ts        the preview message's timestamp
 * @param threadTs  the thread it lives in
 * @param user      the Slack user who asked
 * @param tasks     what the bot will queue, in its own shape (the hub keeps it as given)
 * @param createdAt when it was first posted; set by the hub, kept across edits
 */
public record SlackPreview(String channel, String ts, String threadTs, String user, JsonNode tasks,
                           Instant createdAt) {
}
