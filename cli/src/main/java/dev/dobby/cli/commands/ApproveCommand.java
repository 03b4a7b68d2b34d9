package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "approve", description = "Approve a draft: it joins the queue.",
        footer = {"", "Example:", "  dobby approve 17"})
public final class ApproveCommand extends ClientCommand {
    @Parameters(paramLabel = "TASK_ID")
    long id;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Task task = hub().updateTask(id, TaskPatch.approve());
        if (json.json) {
            printJson(task);
        } else {
            out().println("Approved task " + style().bold("#" + task.id()) + ": " + style().status(task.status()));
        }
        return 0;
    }
}
