package dev.dobby.cli.commands;

import dev.dobby.agent.spoke.SpokeAgent;
import dev.dobby.agent.spoke.SpokeOptions;
import dev.dobby.cli.CliException;
import dev.dobby.cli.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "agent",
        description = "Run a spoke: a worker on this machine that takes tasks from a hub and runs their agents.",
        footer = {"",
                "The spoke dials out to the hub (no inbound port). It registers with an enrolment token: the hub's",
                "spoke_token or api_key, from --token or DOBBY_SPOKE_TOKEN (a hub on loopback without either needs",
                "none). Ctrl-C or SIGTERM drains: running tasks finish, no new ones start, then it exits. A second",
                "signal stops at once: agents are killed and the hub queues their tasks again.",
                "",
                "Examples:",
                "  DOBBY_SPOKE_TOKEN=... dobby agent --hub http://hub.lan:8420 --id gpu-1 --tag gpu",
                "  dobby agent --hub http://127.0.0.1:8420 --id laptop --max-concurrent 2 --project web=~/src/web",
                "  dobby agent --hub http://hub:8420 --id cluster --executor slurm --partition gpu --max-jobs 50"})
public final class AgentCommand implements Callable<Integer> {
    @Option(names = "--hub", paramLabel = "URL", required = true, description = "The hub's address, or a team's hubs separated by commas.")
    String hub;

    @Option(names = "--id", paramLabel = "NAME", required = true,
            description = "This spoke's name (letters, digits, '.', '_', '-'); tasks target it with --on NAME.")
    String id;

    @Option(names = "--tag", paramLabel = "TAG", description = "A label tasks can ask for (--tag gpu); repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Enrolment token (default: DOBBY_SPOKE_TOKEN). Prefer the variable: flags show in ps.")
    String token;

    @Option(names = "--max-concurrent", paramLabel = "N", description = "Tasks run at once (default 1).")
    Integer maxConcurrent;

    @Option(names = "--project", paramLabel = "NAME=PATH",
            description = "Where a project's checkout is on this machine, if not at the hub's path; repeatable.")
    List<String> projects = new ArrayList<>();

    @Option(names = "--home", paramLabel = "DIR",
            description = "Where the spoke keeps worktrees and artifacts (default DOBBY_HOME or ~/.dobby).")
    Path home;

    @Option(names = "--kill-grace", paramLabel = "SECONDS",
            description = "How long a stopped agent gets between SIGTERM and SIGKILL (default 5, at most 300).")
    Integer killGrace;

    @Option(names = "--executor", paramLabel = "local|slurm",
            description = "Where agents run: here (local, the default) or each attempt as a Slurm job (slurm).")
    String executor;

    @Option(names = "--partition", paramLabel = "P", description = "Slurm partition for the jobs.")
    String partition;

    @Option(names = "--account", paramLabel = "A", description = "Slurm account for the jobs.")
    String account;

    @Option(names = "--qos", paramLabel = "Q", description = "Slurm QOS for the jobs.")
    String qos;

    @Option(names = "--max-jobs", paramLabel = "N",
            description = "Slurm jobs (queued or running) at once: the spoke's slots (default 10).")
    Integer maxJobs;

    @Option(names = "--sbatch-arg", paramLabel = "ARG",
            description = "One more sbatch option for every job (--sbatch-arg=--mem=8G); repeatable.")
    List<String> sbatchArgs = new ArrayList<>();

    @Option(names = "--gres-name", paramLabel = "NAME",
            description = "The cluster's GRES name for GPUs (default gpu).")
    String gresName;

    @Override
    public Integer call() throws InterruptedException {
        return new SpokeAgent(options(), System.getenv(), System.out).run();
    }

    SpokeOptions options() {
        try {
            SpokeOptions options = SpokeOptions.of(hub, id, tags, token, maxConcurrent, expandHome(projects), home,
                    System.getenv(), Path.of("").toAbsolutePath());
            options = killGrace == null ? options : options.withKillGrace(SpokeOptions.killGrace(killGrace));
            return options.withExecutor(executor, partition, account, qos, maxJobs, sbatchArgs, gresName);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    /** {@code NAME=~/dir} as the shell would have expanded it had it stood alone. */
    private static List<String> expandHome(List<String> mappings) {
        String user = System.getProperty("user.home");
        return mappings.stream()
                .map(m -> m.replaceFirst("=~(?=/|$)", "=" + java.util.regex.Matcher.quoteReplacement(user)))
                .toList();
    }
}
