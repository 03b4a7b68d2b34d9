package dev.dobby.cli;

import dev.dobby.cli.commands.StartCommand;
import picocli.CommandLine.Command;

@Command(name = "dobby",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "One queue for coding-agent work across your own machines.",
        subcommands = {
                StartCommand.class,
        })
public final class DobbyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
