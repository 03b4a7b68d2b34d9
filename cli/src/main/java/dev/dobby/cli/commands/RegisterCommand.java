package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Durations;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ProjectPolicy;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "register",
        description = "Register a project: a repository (or any directory) tasks run in.",
        footer = {"",
                "Examples:",
                "  dobby register ~/src/shop --name shop --context \"Django shop, tests with pytest\"",
                "  dobby register . --name api --max-concurrent 3   # 3 agents at once, each in its own worktree",
                "  dobby register /data/train --name ml --remote    # only on spokes (dobby agent ... --project ml=/data/train)"})
public final class RegisterCommand extends ClientCommand {
    @Parameters(paramLabel = "PATH", description = "The project's directory (made absolute).")
    Path path;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The project's name in Dobby.")
    String name;

    @Option(names = "--context", paramLabel = "TEXT", description = "What agents should know about the project.")
    String context;

    @Option(names = "--remote",
            description = "The project is checked out on spokes only; PATH is where they have it (or they say with --project).")
    boolean remote;

    @Mixin
    PolicyOptions policy;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        String where = remote ? path.toString() : path.toAbsolutePath().normalize().toString();
        Project project = hub().registerProject(new NewProject(name, where, context, policy.toPolicy(),
                remote ? Boolean.TRUE : null));
        if (json.json) {
            printJson(project);
        } else {
            out().println("Registered project " + style().bold(project.name()) + " at " + project.path());
        }
        return 0;
    }

    /** A project's policy as flags, for register and policy. */
    public static final class PolicyOptions {
        @Option(names = "--default-backend", paramLabel = "BACKEND", description = "claude, codex or shell.")
        Backend defaultBackend;

        @Option(names = "--default-priority", paramLabel = "PRIORITY", description = "urgent, high, normal or low.")
        Priority defaultPriority;

        @Option(names = "--default-timeout", paramLabel = "DURATION", description = "Like 30m or 2h.")
        String defaultTimeout;

        @Option(names = "--max-concurrent", paramLabel = "N", description = "Tasks of this project running at once.")
        Integer maxConcurrent;

        @Option(names = "--auto-chain", arity = "0..1", paramLabel = "BOOL", fallbackValue = "true",
                description = "Each new task waits for the project's latest pending or running one.")
        Boolean autoChain;

        @Option(names = "--daily-budget", paramLabel = "USD",
                description = "US dollars the project's tasks may spend per day; then its tasks wait for the next day (0: no limit).")
        Double dailyBudget;

        @Option(names = "--monthly-budget", paramLabel = "USD",
                description = "The same per calendar month (0: no limit).")
        Double monthlyBudget;

        @Option(names = "--budget-stop-running", arity = "0..1", paramLabel = "BOOL", fallbackValue = "true",
                description = "Once a budget is reached, also stop the project's running tasks.")
        Boolean budgetStopRunning;

        @Option(names = "--fallback-backend", paramLabel = "BACKEND",
                description = "When an agent runs out of quota, run the task with this backend instead of waiting.")
        Backend fallbackBackend;

        @Option(names = "--resume-on-timeout", arity = "0..1", paramLabel = "BOOL", fallbackValue = "true",
                description = "A timed-out agent task that is retried continues its agent's session.")
        Boolean resumeOnTimeout;

        public ProjectPolicy toPolicy() {
            Integer timeout = defaultTimeout == null ? null : (int) Durations.parse(defaultTimeout).toSeconds();
            return new ProjectPolicy(defaultBackend, timeout, maxConcurrent, defaultPriority, autoChain, null, null,
                    null, dailyBudget, monthlyBudget, budgetStopRunning, fallbackBackend, resumeOnTimeout);
        }

        public boolean isEmpty() {
            return toPolicy().equals(ProjectPolicy.DEFAULT);
        }
    }
}
