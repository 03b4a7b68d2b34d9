package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.protocol.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "policy", description = "Show or change a project's policy; it applies to tasks queued afterwards.",
        footer = {"",
                "Examples:",
                "  dobby policy shop",
                "  dobby policy shop --max-concurrent 3 --default-backend codex",
                "  dobby policy shop --auto-chain=false"})
public final class PolicyCommand extends ClientCommand {
    @Parameters(paramLabel = "PROJECT")
    String project;

    @Mixin
    RegisterCommand.PolicyOptions policy;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Project result = policy.isEmpty() ? hub().getProject(project) : hub().updateProject(project, policy.toPolicy());
        if (json.json) {
            printJson(result);
        } else {
            out().println(style().bold(result.name()) + ": " + ProjectsCommand.describe(result.policy()));
        }
        return 0;
    }
}
