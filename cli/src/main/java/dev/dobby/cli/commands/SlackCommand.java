package dev.dobby.cli.commands;

import dev.dobby.cli.CliException;
import dev.dobby.cli.ExitCode;
import dev.dobby.cli.HubOptions;
import dev.dobby.hub.config.DotEnv;
import dev.dobby.protocol.client.HubHttpClient;
import dev.dobby.slack.SlackMain;
import dev.dobby.slack.SlackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "slack", description = "Run the Slack bot: mention @Dobby to queue tasks (react to confirm) and ask for status.",
        footer = {"",
                "Needs SLACK_BOT_TOKEN (xoxb-...) and SLACK_APP_TOKEN (xapp-...), from the environment or from .env in",
                "this directory (the environment wins). The bot connects to Slack over Socket Mode, so it needs no",
                "public address, and talks to the hub at --hub / DOBBY_URL like every other client command.",
                "It runs until stopped (Ctrl-C). Set-up of the Slack app: docs/slack.md.",
                "Requests are read by Claude Code (claude on the PATH) or the Anthropic API (ANTHROPIC_API_KEY) when",
                "available, else by fixed rules; DOBBY_ASSISTANT chooses (auto, claude, api, rules).",
                "",
                "In Slack:",
                "  @Dobby the login page 500s on Safari, look at it in spare, it's urgent",
                "                                               preview a task; react ✅ to queue it, ❌ to drop it",
                "  @Dobby status 12h | summary spare 24h | running | projects | help",
                "",
                "Examples:",
                "  dobby slack",
                "  dobby slack --hub http://10.0.0.5:8420 --api-key \"$DOBBY_API_KEY\""})
public final class SlackCommand implements Callable<Integer> {
    @Mixin
    HubOptions hubOptions;

    @Override
    public Integer call() {
        Map<String, String> env = new HashMap<>();
        Path dotEnv = Path.of(".env");
        if (Files.isRegularFile(dotEnv)) {
            env.putAll(DotEnv.read(dotEnv));
        }
        env.putAll(System.getenv());
        SlackSettings settings;
        try {
            settings = SlackSettings.from(env);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
        // The slack bot usually runs from the directory `dobby init` wrote .env in: take the hub's address and key
        // from there when neither the flags nor the environment give them.
        String url = hubOptions.url() != null ? hubOptions.url() : env.get("DOBBY_URL");
        String key = hubOptions.apiKey() != null ? hubOptions.apiKey() : env.get("DOBBY_API_KEY");
        return SlackMain.run(settings, new HubHttpClient(url, key));
    }
}
