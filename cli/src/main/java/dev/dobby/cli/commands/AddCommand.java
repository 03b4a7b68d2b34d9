package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.protocol.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add",
        description = "Queue a task.",
        footer = {"",
                "Examples:",
                "  dobby add \"write unit tests for the auth module\" --project shop",
                "  dobby add \"npm test\" --project shop --backend shell --priority high --wait",
                "  dobby add \"update the changelog\" --project shop --after 41,42",
                "  dobby add \"train\" --project ml --backend shell --tag gpu --timeout 6h"})
public final class AddCommand extends ClientCommand {
    @Parameters(paramLabel = "DESCRIPTION", description = "What to do: the prompt for an agent, the command for shell.")
    String description;

    @Mixin
    TaskOptions task;

    @Option(names = "--wait", description = "Wait for the task to end; exit 0 if it completed, 1 if not.")
    boolean waitForEnd;

    @Mixin
    JsonOption json;

    @Override
    protected int run() throws InterruptedException {
        Task created = hub().createTask(task.toRequest(description, false, false));
        if (json.json && !waitForEnd) {
            printJson(created);
            return 0;
        }
        if (!json.json) {
            out().println("Queued task " + style().bold("#" + created.id()) + " in " + created.project() + " ("
                    + style().status(created.status()) + (created.statusReason() == null ? "" : ": " + created.statusReason())
                    + ")");
            out().flush();
        }
        if (!waitForEnd) {
            return 0;
        }
        return new TaskWaiter(hub(), out(), style(), json.json).waitForEnd(created.id(), false);
    }
}
