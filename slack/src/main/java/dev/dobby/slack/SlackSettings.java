package dev.dobby.slack;

import java.util.Map;

/**
 * The bot's two Slack tokens and where its dashboard links point. Reading them loads nothing of Slack's SDK, so the
 * CLI can check them before it starts the bot.
 *
 * @param dashboardUrl the hub's public address (DOBBY_HUB_URL, the hub's hub_url) for links; null to use the
 *                     address the bot talks to
 */
public record SlackSettings(String botToken, String appToken, String dashboardUrl) {
    public static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String APP_TOKEN = "SLACK_APP_TOKEN";

    /** The settings, or a one-line {@link IllegalArgumentException} saying what is missing. */
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
        return new SlackSettings(bot, app, blankToNull(env.get("DOBBY_HUB_URL")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "SlackSettings[botToken=xoxb-…, appToken=xapp-…, dashboardUrl=" + dashboardUrl + "]";
    }
}
