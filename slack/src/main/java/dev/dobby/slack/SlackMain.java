package dev.dobby.slack;

import com.slack.api.SlackConfig;
import dev.dobby.protocol.client.HubHttpClient;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dobby slack} and the module's own jar: runs the bot until the process is stopped. Slack tokens come from
 * SLACK_BOT_TOKEN and SLACK_APP_TOKEN (and Slack's address, for tests, from SLACK_API_URL), the hub from DOBBY_URL
 * and DOBBY_API_KEY, the assistant from the settings {@link dev.dobby.assistant.AssistantSettings} reads.
 */
public final class SlackMain {
    /** Exit status for missing or malformed settings. */
    public static final int BAD_SETTINGS = 2;
    /** Exit status when Slack refused the bot (a wrong token, no connection). */
    public static final int NOT_CONNECTED = 1;

    private SlackMain() {
    }

    public static void main(String[] args) {
        quietSlackLogs();
        Map<String, String> env = System.getenv();
        SlackSettings settings;
        HubHttpClient hub;
        try {
            settings = SlackSettings.from(env);
            hub = new HubHttpClient(env.get("DOBBY_URL"), env.get("DOBBY_API_KEY"));
        } catch (IllegalArgumentException e) {
            System.err.println("dobby-slack: " + e.getMessage());
            System.exit(BAD_SETTINGS);
            return;
        }
        System.exit(run(settings, hub));
    }

    /** Runs the bot until the JVM shuts down; returns the exit status. */
    public static int run(SlackSettings settings, HubHttpClient hub) {
        quietSlackLogs();
        Logger log = LoggerFactory.getLogger(SlackMain.class);
        SlackBot bot;
        try {
            bot = SlackBot.start(settings, hub, hub.baseUrl(), slackConfig(settings));
        } catch (Exception e) {
            System.err.println("dobby slack: could not connect to Slack: " + Redact.tokens(oneLine(e)));
            return NOT_CONNECTED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bot.close();
            stopped.countDown();
        }, "dobby-slack-stop"));
        log.info("answering mentions of the bot; stop with Ctrl-C");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Slack's SDK settings: Slack itself, or the address SLACK_API_URL gives (a stand-in of Slack, in tests). */
    static SlackConfig slackConfig(SlackSettings settings) {
        SlackConfig config = new SlackConfig();
        if (settings.apiUrl() != null) {
            config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        }
        return config;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** Slack's SDK logs request details at debug level; keep it to warnings unless the user asked otherwise. */
    private static void quietSlackLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.log.com.slack.api") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.com.slack.api", "warn");
        }
    }
}
