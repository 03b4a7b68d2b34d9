package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.protocol.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "retry", description = "Queue a failed, cancelled, timed-out or stale task again.",
        footer = {"", "Examples:", "  dobby retry 42", "  dobby retry 42 --cascade   # and re-open the tasks waiting on it"})
public final class RetryCommand extends ClientCommand {
    @Parameters(paramLabel = "TASK_ID")
    long id;

    @Option(names = "--cascade", description = "Also re-open the tasks that depend on it and ended without completing.")
    boolean cascade;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Task task = hub().retryTask(id, cascade);
        if (json.json) {
            printJson(task);
        } else {
            out().println("Task " + style().bold("#" + task.id()) + " is " + style().status(task.status())
                    + (task.statusReason() == null ? "" : " (" + task.statusReason() + ")"));
        }
        return 0;
    }
}
