package dev.dobby.cli;

import dev.dobby.cli.commands.AddCommand;
import dev.dobby.cli.commands.ApproveCommand;
import dev.dobby.cli.commands.BatchStatusCommand;
import dev.dobby.cli.commands.CancelCommand;
import dev.dobby.cli.commands.CompletionCommand;
import dev.dobby.cli.commands.DeployCommand;
import dev.dobby.cli.commands.DetailStatusCommand;
import dev.dobby.cli.commands.InitCommand;
import dev.dobby.cli.commands.LogsCommand;
import dev.dobby.cli.commands.McpCommand;
import dev.dobby.cli.commands.PlanCommand;
import dev.dobby.cli.commands.PolicyCommand;
import dev.dobby.cli.commands.ProjectsCommand;
import dev.dobby.cli.commands.RegisterCommand;
import dev.dobby.cli.commands.RemoteCommand;
import dev.dobby.cli.commands.ResultsCommand;
import dev.dobby.cli.commands.RetryCommand;
import dev.dobby.cli.commands.SlackCommand;
import dev.dobby.cli.commands.StartCommand;
import dev.dobby.cli.commands.StatsCommand;
import dev.dobby.cli.commands.StatusCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "dobby",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "One queue for coding-agent work across your own machines.",
        subcommands = {
                InitCommand.class,
                StartCommand.class,
                RegisterCommand.class,
                AddCommand.class,
                PlanCommand.class,
                ApproveCommand.class,
                StatusCommand.class,
                DetailStatusCommand.class,
                LogsCommand.class,
                ResultsCommand.class,
                BatchStatusCommand.class,
                CancelCommand.class,
                RetryCommand.class,
                StatsCommand.class,
                ProjectsCommand.class,
                PolicyCommand.class,
                RemoteCommand.class,
                SlackCommand.class,
                McpCommand.class,
                DeployCommand.class,
                CompletionCommand.class,
        },
        footer = {"",
                "Exit codes: 0 ok; 1 the task waited on did not complete; 2 usage error; 3 no hub at the URL;",
                "4 API key refused; 5 no such task, project or batch; 6 refused in the current state; 10 other errors.",
                "",
                "Run 'dobby COMMAND --help' for a command's options and examples."})
public final class DobbyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
