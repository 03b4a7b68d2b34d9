package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.protocol.UsageText;
import dev.dobby.protocol.UsageWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "usage", description = "Each agent account's usage windows (5-hour, 7-day) and when they reset.",
        footer = {"", "An account is a worker's login for one agent (local/claude, gpu-1/claude). Figures are what the",
                "agents last reported; logins with an API key report none. While an account is out of quota its",
                "tasks wait for the reset and then resume their sessions.", "", "Examples:", "  dobby usage",
                "  dobby usage --json"})
public final class UsageCommand extends ClientCommand {
    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        List<UsageWindow> windows = hub().usage();
        if (json.json) {
            printJson(windows);
            return 0;
        }
        if (windows.isEmpty()) {
            out().println("No agent has reported usage yet: Claude Code reports it while it runs with a subscription"
                    + " login.");
            return 0;
        }
        for (String line : UsageText.lines(windows, Instant.now(), ZoneId.systemDefault())) {
            out().println(line.startsWith(" ") ? line : style().bold(line));
        }
        return 0;
    }
}
