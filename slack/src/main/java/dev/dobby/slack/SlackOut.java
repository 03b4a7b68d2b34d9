package dev.dobby.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bot says in Slack: messages, edits, reactions, and the names of people. Failures are logged (tokens
 * hidden), never thrown: a refused call ({@code channel_not_found}, {@code invalid_auth}, …) loses that one message
 * and the bot goes on. A rate-limited call (HTTP 429) waits the {@code Retry-After} Slack gives, as Slack asks, and
 * is tried again.
 */
public final class SlackOut {
    private static final Logger log = LoggerFactory.getLogger(SlackOut.class);
    /** Slack shows messages up to about 4,000 characters whole; longer answers go as several. */
    static final int MAX_MESSAGE_CHARS = 3900;
    private static final int RATE_LIMIT_TRIES = 3;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final MethodsClient client;
    private final String botToken;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public SlackOut(MethodsClient client, String botToken) {
        this.client = client;
        this.botToken = botToken;
    }

    @FunctionalInterface
    private interface SlackCall<T extends SlackApiTextResponse> {
        T call() throws IOException, SlackApiException;
    }

    /** The call's answer, or null when Slack refused it or could not be reached (logged). */
    private <T extends SlackApiTextResponse> T call(String method, String channel, SlackCall<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                T response = call.call();
                if (!response.isOk()) {
                    if (!"already_reacted".equals(response.getError())) {
                        log.warn("{} in {} failed: {}", method, channel, response.getError());
                    }
                    return null;
                }
                return response;
            } catch (SlackApiException e) {
                if (e.getResponse().code() == 429 && attempt < RATE_LIMIT_TRIES) {
                    Duration wait = retryAfter(e.getResponse().header("Retry-After"));
                    log.info("{} is rate-limited; trying again in {} s", method, wait.toSeconds());
                    if (!sleep(wait)) {
                        return null;
                    }
                    continue;
                }
                log.warn("{} in {} failed: HTTP {} {}", method, channel, e.getResponse().code(),
                        e.getError() == null ? "" : e.getError().getError());
                return null;
            } catch (IOException | RuntimeException e) {
                log.warn("{} in {} failed: {}", method, channel, Redact.tokens(e.getMessage()));
                return null;
            }
        }
    }

    static Duration retryAfter(String header) {
        try {
            long seconds = Long.parseLong(header == null ? "1" : header.strip());
            Duration wait = Duration.ofSeconds(Math.max(1, seconds));
            return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Post {@code text} (mrkdwn) in {@code channel}, in the thread {@code threadTs} when not null; the new message's ts. */
    public String post(String channel, String threadTs, String text) {
        ChatPostMessageResponse response = call("chat.postMessage", channel, () -> client.chatPostMessage(r -> r
                .token(botToken).channel(channel).threadTs(threadTs).text(text).mrkdwn(true).unfurlLinks(false)));
        return response == null ? null : response.getTs();
    }

    /** Post a long answer as several messages, split between lines, each within what Slack shows whole. */
    public void postLong(String channel, String threadTs, String text) {
        for (String part : split(text, MAX_MESSAGE_CHARS)) {
            post(channel, threadTs, part);
        }
    }

    static List<String> split(String text, int max) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            while (line.length() > max) {
                flush(parts, current);
                int cut = line.lastIndexOf(' ', max);
                cut = cut <= 0 ? max : cut;
                parts.add(line.substring(0, cut));
                line = line.substring(cut).stripLeading();
            }
            if (current.length() + line.length() + 1 > max) {
                flush(parts, current);
            }
            if (!current.isEmpty()) {
                current.append('\n');
            }
            current.append(line);
        }
        flush(parts, current);
        return parts;
    }

    private static void flush(List<String> parts, StringBuilder current) {
        if (!current.toString().isBlank()) {
            parts.add(current.toString().strip());
        }
        current.setLength(0);
    }

    public void update(String channel, String ts, String text) {
        ChatUpdateResponse ignored = call("chat.update", channel,
                () -> client.chatUpdate(r -> r.token(botToken).channel(channel).ts(ts).text(text)));
    }

    public void react(String channel, String ts, String emoji) {
        call("reactions.add", channel,
                () -> client.reactionsAdd(r -> r.token(botToken).channel(channel).timestamp(ts).name(emoji)));
    }

    /** The name Slack shows for a user (users.info, scope users:read), or null when Slack does not say. */
    public String userName(String userId) {
        if (userId == null) {
            return null;
        }
        String known = names.get(userId);
        if (known != null) {
            return known;
        }
        UsersInfoResponse response = call("users.info", userId, () -> client.usersInfo(r -> r.token(botToken).user(userId)));
        if (response == null || response.getUser() == null) {
            return null;
        }
        var user = response.getUser();
        String name = user.getProfile() != null && notBlank(user.getProfile().getDisplayName())
                ? user.getProfile().getDisplayName()
                : notBlank(user.getRealName()) ? user.getRealName() : user.getName();
        if (name != null) {
            names.put(userId, name);
        }
        return name;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
