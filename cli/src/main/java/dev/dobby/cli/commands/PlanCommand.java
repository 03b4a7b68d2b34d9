package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.protocol.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan",
        description = "Create a draft task: it runs only after you approve it (dobby approve).",
        footer = {"",
                "Examples:",
                "  dobby plan \"migrate the database to Postgres\" --project shop",
                "  dobby plan \"refactor billing\" --project shop --agent-plan   # the agent drafts a plan first",
                "  dobby approve 17"})
public final class PlanCommand extends ClientCommand {
    @Parameters(paramLabel = "DESCRIPTION", description = "What to do.")
    String description;

    @Mixin
    TaskOptions task;

    @Option(names = "--agent-plan", description = "Have the agent write a plan (read-only) for you to review first.")
    boolean agentPlan;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Task draft = hub().createTask(task.toRequest(description, true, agentPlan));
        if (json.json) {
            printJson(draft);
        } else {
            out().println("Draft " + style().bold("#" + draft.id()) + " created in " + draft.project()
                    + ". Review it, then run: dobby approve " + draft.id());
        }
        return 0;
    }
}
