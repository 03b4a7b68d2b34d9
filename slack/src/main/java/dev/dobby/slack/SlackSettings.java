package dev.dobby.slack;

import dev.dobby.assistant.AssistantSettings;
import java.time.Duration;
import java.util.Map;

/**
 * The bot's settings. Reading them loads nothing of Slack's SDK, so the CLI can check them before it starts the bot.
 *
 * @param dashboardUrl  the hub's public address (DOBBY_HUB_URL, the hub's hub_url) for links; null to use the
 *                      address the bot talks to
 * @param apiUrl        where Slack's Web API is (SLACK_API_URL, ending in {@code /api/}); null for Slack itself.
 *                      For testing against a stand-in of Slack
 * @param previewMaxAge how long a preview waits for its ✅ (DOBBY_SLACK_PREVIEW_MAX_AGE, default 7d)
 * @param assistant     which language model reads requests and writes summaries (see {@link AssistantSettings})
 */
public record SlackSettings(String botToken, String appToken, String dashboardUrl, String apiUrl,
                            Duration previewMaxAge, AssistantSettings assistant) {
    public static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String APP_TOKEN = "SLACK_APP_TOKEN";
    public static final Duration DEFAULT_PREVIEW_MAX_AGE = Duration.ofDays(7);

    /** Slack itself, previews kept a week, requests read by rules only. */
    public SlackSettings(String botToken, String appToken, String dashboardUrl) {
        this(botToken, appToken, dashboardUrl, null, DEFAULT_PREVIEW_MAX_AGE,
                AssistantSettings.from(Map.of("DOBBY_ASSISTANT", "rules")));
    }

    public SlackSettings withAssistant(AssistantSettings value) {
        return new SlackSettings(botToken, appToken, dashboardUrl, apiUrl, previewMaxAge, value);
    }

    public SlackSettings withPreviewMaxAge(Duration value) {
        return new SlackSettings(botToken, appToken, dashboardUrl, apiUrl, value, assistant);
    }

    /** The settings, or a one-line {@link IllegalArgumentException} saying what is missing or wrong. */
    public static SlackSettings from(Map<String, String> env) {
        String bot = blankToNull(env.get(BOT_TOKEN));
        String app = blankToNull(env.get(APP_TOKEN));
        if (bot == null || app == null) {
            String missing = bot == null && app == null ? BOT_TOKEN + " and " + APP_TOKEN
                    : bot == null ? BOT_TOKEN : APP_TOKEN;
            throw new IllegalArgumentException(missing + " not set: put the bot token (xoxb-…) and the app-level token"
                    + " (xapp-…) in the environment or in .env; see docs/slack.md");
        }
        if (!bot.startsWith("xoxb-")) {
            throw new IllegalArgumentException(BOT_TOKEN + " should be a bot token starting with xoxb-");
        }
        if (!app.startsWith("xapp-")) {
            throw new IllegalArgumentException(APP_TOKEN + " should be an app-level token starting with xapp-");
        }
        String apiUrl = blankToNull(env.get("SLACK_API_URL"));
        if (apiUrl != null && !apiUrl.matches("https?://[^\\s]+")) {
            throw new IllegalArgumentException("SLACK_API_URL should be an http(s) address such as https://slack.com/api/");
        }
        Duration maxAge = DEFAULT_PREVIEW_MAX_AGE;
        String age = blankToNull(env.get("DOBBY_SLACK_PREVIEW_MAX_AGE"));
        if (age != null) {
            maxAge = MessageParser.range(age, null);
            if (maxAge == null || maxAge.isZero()) {
                throw new IllegalArgumentException("DOBBY_SLACK_PREVIEW_MAX_AGE should be a time such as 30m, 12h or 7d");
            }
        }
        return new SlackSettings(bot, app, blankToNull(env.get("DOBBY_HUB_URL")),
                apiUrl == null ? null : apiUrl.endsWith("/") ? apiUrl : apiUrl + "/", maxAge, AssistantSettings.from(env));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "SlackSettings[botToken=xoxb-…, appToken=xapp-…, dashboardUrl=" + dashboardUrl + ", apiUrl=" + apiUrl
                + ", previewMaxAge=" + previewMaxAge + ", assistant=" + assistant + "]";
    }
}
