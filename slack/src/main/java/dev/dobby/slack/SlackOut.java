package dev.dobby.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the bot says in Slack: messages, edits, reactions. Failures are logged (tokens hidden), never thrown. */
public final class SlackOut {
    private static final Logger log = LoggerFactory.getLogger(SlackOut.class);

    private final MethodsClient client;
    private final String botToken;

    public SlackOut(MethodsClient client, String botToken) {
        this.client = client;
        this.botToken = botToken;
    }

    /** Post {@code text} (mrkdwn) in {@code channel}, in the thread {@code threadTs} when not null; the new message's ts. */
    public String post(String channel, String threadTs, String text) {
        try {
            ChatPostMessageResponse response = client.chatPostMessage(r -> r.token(botToken).channel(channel)
                    .threadTs(threadTs).text(text).mrkdwn(true).unfurlLinks(false));
            if (!response.isOk()) {
                log.warn("chat.postMessage in {} failed: {}", channel, response.getError());
                return null;
            }
            return response.getTs();
        } catch (IOException | SlackApiException | RuntimeException e) {
            log.warn("chat.postMessage in {} failed: {}", channel, Redact.tokens(e.getMessage()));
            return null;
        }
    }

    public void update(String channel, String ts, String text) {
        try {
            ChatUpdateResponse response = client.chatUpdate(r -> r.token(botToken).channel(channel).ts(ts).text(text));
            if (!response.isOk()) {
                log.warn("chat.update in {} failed: {}", channel, response.getError());
            }
        } catch (IOException | SlackApiException | RuntimeException e) {
            log.warn("chat.update in {} failed: {}", channel, Redact.tokens(e.getMessage()));
        }
    }

    public void react(String channel, String ts, String emoji) {
        try {
            var response = client.reactionsAdd(r -> r.token(botToken).channel(channel).timestamp(ts).name(emoji));
            if (!response.isOk() && !"already_reacted".equals(response.getError())) {
                log.warn("reactions.add in {} failed: {}", channel, response.getError());
            }
        } catch (IOException | SlackApiException | RuntimeException e) {
            log.warn("reactions.add in {} failed: {}", channel, Redact.tokens(e.getMessage()));
        }
    }
}
