package dev.dobby.protocol;

import java.time.Instant;

/**
 * Where in Slack a task was asked for, so that its end is reported in that thread (once, by whichever bot process
 * is running then).
 *
 * @param requester     the Slack user id of who asked
 * @param requesterName their name as Slack shows it (users.info), or null
 * @param notifiedAt    when its end was reported; null until then
 */
public record SlackThread(long taskId, String channel, String threadTs, String requester, String requesterName,
                          Instant createdAt, Instant notifiedAt) {
}
