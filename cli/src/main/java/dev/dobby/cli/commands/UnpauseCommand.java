package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.protocol.PauseRequest;
import dev.dobby.protocol.PauseState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "unpause", description = "Lift the kill switch: tasks start again (all, or one project's).",
        footer = {"", "Without --project, the hub and every paused project dispatch again.", "",
                "Examples:", "  dobby unpause", "  dobby unpause --project shop"})
public final class UnpauseCommand extends ClientCommand {
    @Option(names = {"-p", "--project"}, paramLabel = "NAME", description = "Unpause only this project.")
    String project;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        PauseState state = hub().unpause(new PauseRequest(project, null, PauseCommand.who()));
        if (json.json) {
            printJson(state);
        } else {
            out().println(PauseCommand.describe(state));
        }
        return 0;
    }
}
