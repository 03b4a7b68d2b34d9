package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.protocol.gpu.NewTrackedJob;
import dev.dobby.protocol.gpu.TrackedJob;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "track", description = "Follow a long job (a training run, a Slurm job) until it ends, and hear when it does.",
        footer = {"", "The job's worker looks at it every gpu_poll_interval (default 5 min): alive or ended, the GPUs it",
                "uses, the last lines of its log, Slurm's state. When it ends, the hub says so (event, webhook, Slack",
                "thread of the task, the desktop app). Inside a task DOBBY_TASK_ID and DOBBY_URL are set, so an agent",
                "needs no options besides the job.", "", "Examples:",
                "  nohup python train.py > train.log 2>&1 &  dobby track --pid $! --log train.log",
                "  dobby track --slurm-job 123456 --task 42", "  dobby track --log /data/run7/out.log --on gpu-1"})
public final class TrackCommand extends ClientCommand {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    What what;

    static final class What {
        @Option(names = "--pid", paramLabel = "PID", description = "A process on the job's worker (its group is stopped with it).")
        Long pid;

        @Option(names = "--slurm-job", paramLabel = "ID", description = "A Slurm job id (squeue/sacct on the worker).")
        String slurmJob;
    }

    @Option(names = "--log", paramLabel = "FILE",
            description = "The job's log file: its last lines are shown; without --pid the job is whatever process has it open.")
    Path log;

    @Option(names = "--task", paramLabel = "TASK_ID", defaultValue = "${env:DOBBY_TASK_ID}",
            description = "The task that started it (default: DOBBY_TASK_ID, set inside tasks).")
    Long task;

    @Option(names = "--on", paramLabel = "WORKER", description = "The worker it runs on (default: the task's, else the hub's own).")
    String worker;

    @Option(names = "--label", paramLabel = "TEXT", description = "A name to show for it.")
    String label;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Long pid = what == null ? null : what.pid;
        String slurm = what == null ? null : what.slurmJob;
        if (pid == null && slurm == null && log == null) {
            throw new IllegalArgumentException("say which job: --pid PID, --slurm-job ID or --log FILE");
        }
        String logPath = log == null ? null : log.toAbsolutePath().normalize().toString();
        TrackedJob job = hub().trackJob(new NewTrackedJob(task, worker, pid, slurm, logPath, label));
        if (json.json) {
            printJson(job);
        } else {
            out().println("tracking " + job.title() + " on " + job.worker()
                    + (job.taskId() == null ? "" : " for task " + job.taskId()));
        }
        return 0;
    }
}
