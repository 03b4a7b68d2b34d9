package dev.dobby.cli;

import dev.dobby.cli.commands.AddCommand;
import dev.dobby.cli.commands.AgentCommand;
import dev.dobby.cli.commands.AppCommand;
import dev.dobby.cli.commands.BatchCommand;
import dev.dobby.cli.commands.ExportCommand;
import dev.dobby.cli.commands.SchedulesCommand;
import dev.dobby.cli.commands.ApproveCommand;
import dev.dobby.cli.commands.BatchStatusCommand;
import dev.dobby.cli.commands.CancelCommand;
import dev.dobby.cli.commands.CompletionCommand;
import dev.dobby.cli.deploy.DeployCommand;
import dev.dobby.cli.commands.DetailStatusCommand;
import dev.dobby.cli.commands.InitCommand;
import dev.dobby.cli.commands.LogsCommand;
import dev.dobby.cli.commands.McpCommand;
import dev.dobby.cli.commands.PauseCommand;
import dev.dobby.cli.commands.PlanCommand;
import dev.dobby.cli.commands.PolicyCommand;
import dev.dobby.cli.commands.ProjectsCommand;
import dev.dobby.cli.commands.RegisterCommand;
import dev.dobby.cli.commands.RemoteCommand;
import dev.dobby.cli.commands.ResultsCommand;
import dev.dobby.cli.commands.ResumeCommand;
import dev.dobby.cli.commands.RetryCommand;
import dev.dobby.cli.commands.SlackCommand;
import dev.dobby.cli.commands.MigrateCommand;
import dev.dobby.cli.commands.StartCommand;
import dev.dobby.cli.commands.StatsCommand;
import dev.dobby.cli.commands.UsageCommand;
import dev.dobby.cli.commands.StatusCommand;
import dev.dobby.cli.commands.UnpauseCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Every dobby subcommand, in the order help lists them. Building picocli's model of all of them costs a visible
 * fraction of a second, so a run that names one command builds only that one.
 */
final class Commands {
    private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("init", InitCommand::new);
        ALL.put("start", StartCommand::new);
        ALL.put("migrate", MigrateCommand::new);
        ALL.put("agent", AgentCommand::new);
        ALL.put("register", RegisterCommand::new);
        ALL.put("add", AddCommand::new);
        ALL.put("plan", PlanCommand::new);
        ALL.put("batch", BatchCommand::new);
        ALL.put("approve", ApproveCommand::new);
        ALL.put("status", StatusCommand::new);
        ALL.put("detail-status", DetailStatusCommand::new);
        ALL.put("logs", LogsCommand::new);
        ALL.put("results", ResultsCommand::new);
        ALL.put("batch-status", BatchStatusCommand::new);
        ALL.put("schedules", SchedulesCommand::new);
        ALL.put("cancel", CancelCommand::new);
        ALL.put("retry", RetryCommand::new);
        ALL.put("resume", ResumeCommand::new);
        ALL.put("pause", PauseCommand::new);
        ALL.put("unpause", UnpauseCommand::new);
        ALL.put("stats", StatsCommand::new);
        ALL.put("usage", UsageCommand::new);
        ALL.put("gpus", dev.dobby.cli.commands.GpusCommand::new);
        ALL.put("track", dev.dobby.cli.commands.TrackCommand::new);
        ALL.put("jobs", dev.dobby.cli.commands.JobsCommand::new);
        ALL.put("projects", ProjectsCommand::new);
        ALL.put("policy", PolicyCommand::new);
        ALL.put("export", ExportCommand::new);
        ALL.put("remote", RemoteCommand::new);
        ALL.put("slack", SlackCommand::new);
        ALL.put("mcp", McpCommand::new);
        ALL.put("deploy", DeployCommand::new);
        ALL.put("app", AppCommand::new);
        ALL.put("completion", CompletionCommand::new);
    }

    private Commands() {
    }

    /** Add the subcommands this run needs: the one named first, or all of them (help, completion, typos). */
    static void register(CommandLine root, String[] args) {
        String first = args.length == 0 ? null : args[0];
        Supplier<Object> only = first == null || first.equals("completion") ? null : ALL.get(first);
        if (only != null) {
            root.addSubcommand(first, only.get());
            return;
        }
        ALL.forEach((name, factory) -> root.addSubcommand(name, factory.get()));
    }
}
