package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.protocol.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resume", description = "Queue an ended agent task again to continue its agent's session, not start over.",
        footer = {"", "The session is resumed by the worker that ran it (its files and worktree are there); another",
                "worker starts the task afresh.", "", "Examples:", "  dobby resume 42",
                "  dobby resume 42 -m \"continue, but skip the migration\""})
public final class ResumeCommand extends ClientCommand {
    @Parameters(paramLabel = "TASK_ID")
    long id;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT",
            description = "What to tell the agent (default: to continue where it stopped).")
    String message;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Task task = hub().resumeTask(id, message);
        if (json.json) {
            printJson(task);
        } else {
            out().println("Task " + style().bold("#" + task.id()) + " is " + style().status(task.status())
                    + "; its next attempt resumes the agent's session");
        }
        return 0;
    }
}
