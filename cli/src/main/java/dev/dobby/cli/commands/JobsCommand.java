package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.cli.output.Table;
import dev.dobby.protocol.gpu.TrackedJob;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "jobs", description = "Tracked jobs: what each is, where it runs, its state and its log's last line.",
        footer = {"", "Examples:", "  dobby jobs", "  dobby jobs --task 42", "  dobby jobs --stop 3"})
public final class JobsCommand extends ClientCommand {
    @Option(names = "--task", paramLabel = "TASK_ID", description = "Only the jobs of this task.")
    Long task;

    @Option(names = "--stop", paramLabel = "JOB_ID",
            description = "Stop this job: SIGTERM to its process group, or scancel for a Slurm job.")
    Long stop;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        if (stop != null) {
            TrackedJob job = hub().stopJob(stop);
            if (json.json) {
                printJson(job);
            } else {
                out().println("asked " + job.worker() + " to stop " + job.title());
            }
            return 0;
        }
        List<TrackedJob> jobs = hub().jobs(task);
        if (json.json) {
            printJson(jobs);
            return 0;
        }
        if (jobs.isEmpty()) {
            out().println("No tracked jobs" + (task == null ? "" : " for task " + task)
                    + ". Track one with dobby track --pid PID | --slurm-job ID | --log FILE.");
            return 0;
        }
        Table table = new Table("ID", "TASK", "WORKER", "JOB", "STATE", "EXIT", "GPUS", "LAST LINE");
        for (TrackedJob job : jobs) {
            String what = switch (job.kind()) {
                case SLURM -> "slurm " + job.slurmJob();
                case PROCESS -> "pid " + job.pid();
                case LOG -> job.logPath();
            };
            table.row(Long.toString(job.id()), job.taskId() == null ? "-" : "#" + job.taskId(), job.worker(),
                    what + (job.label() == null ? "" : " (" + job.label() + ")"),
                    job.state().wire() + (job.stopRequested() && !job.state().isOver() ? " (stopping)" : ""),
                    job.exitCode() == null ? "-" : job.exitCode().toString(),
                    job.gpus().isEmpty() ? "-" : job.gpus().toString(),
                    job.logTail().isEmpty() ? "" : job.logTail().getLast());
        }
        table.print(out(), style());
        return 0;
    }
}
