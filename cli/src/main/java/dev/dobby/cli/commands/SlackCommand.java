package dev.dobby.cli.commands;

import dev.dobby.cli.CliException;
import dev.dobby.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "slack", description = "Run the Slack bot (not available in this build yet).",
        footer = {"",
                "The Slack bot of the Python edition (mention @Dobby, react to confirm) has not been built for the JVM",
                "edition yet. Meanwhile the same things are reachable from the CLI, the dashboard and MCP."})
public final class SlackCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CliException(ExitCode.ERROR, "the Slack bot is not part of this build yet; see `dobby slack --help`");
    }
}
