package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.protocol.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", description = "Cancel a task that has not ended; a running agent is stopped with all it started.",
        footer = {"", "Example:", "  dobby cancel 42"})
public final class CancelCommand extends ClientCommand {
    @Parameters(paramLabel = "TASK_ID")
    long id;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Task task = hub().cancelTask(id);
        if (json.json) {
            printJson(task);
        } else {
            out().println("Cancelled task " + style().bold("#" + task.id()));
        }
        return 0;
    }
}
