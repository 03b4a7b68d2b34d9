package dev.dobby.mcp.tools;

import static dev.dobby.mcp.tools.InputSchema.id;
import static dev.dobby.mcp.tools.InputSchema.integer;
import static dev.dobby.mcp.tools.InputSchema.name;
import static dev.dobby.mcp.tools.InputSchema.text;

import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.gpu.GpuProcess;
import dev.dobby.protocol.gpu.GpuState;
import dev.dobby.protocol.gpu.NewTrackedJob;
import dev.dobby.protocol.gpu.TrackedJob;
import dev.dobby.protocol.gpu.WorkerGpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** GPUs across the workers, and tracking the long jobs a task starts. */
final class GpuTools {
    private final HubApi hub;

    GpuTools(HubApi hub) {
        this.hub = hub;
    }

    List<DobbyTool> tools() {
        return List.of(gpus(), trackJob());
    }

    private DobbyTool gpus() {
        return DobbyTool.reading("dobby_gpus", "GPUs across workers",
                "Every worker's GPUs as last sampled: utilisation, memory used/total, temperature, power, which "
                        + "tasks hold them, and the processes on them (a Dobby task's, or outside Dobby with user and "
                        + "command). Use it to see whether a GPU task can start, or what is using a GPU.",
                InputSchema.object().build(),
                args -> {
                    List<WorkerGpus> workers = hub.gpus();
                    return Reply.of(describe(workers), Map.of("workers", workers));
                });
    }

    private DobbyTool trackJob() {
        Map<String, Object> schema = InputSchema.object()
                .required("task_id", id("The task that started the job (inside a task: the DOBBY_TASK_ID variable)."))
                .optional("pid", integer("The job's process id on the task's worker (its process group is stopped "
                        + "with it).", 2, Integer.MAX_VALUE))
                .optional("slurm_job", name("A Slurm job id, when the job was submitted with sbatch."))
                .optional("log", text("The job's log file, an absolute path on the worker: its last lines are "
                        + "shown and sent when it ends; without pid the job is whatever process has it open.", 4096))
                .optional("label", text("A short name to show for it, like 'train resnet'.", 200))
                .build();
        return DobbyTool.changing("dobby_track_job", "Track a long job",
                "Register a job that a task started and that outlives the agent's session (nohup python train.py &, "
                        + "tmux, sbatch). Its worker looks at it every gpu_poll_interval until it ends; then the hub "
                        + "announces it (webhook, Slack thread, desktop app) with the outcome and the log's last "
                        + "lines. Give pid, slurm_job or log.",
                schema,
                args -> {
                    Integer pid = args.optionalInt("pid");
                    TrackedJob job = hub.trackJob(new NewTrackedJob(args.id("task_id"), null,
                            pid == null ? null : pid.longValue(), args.optionalText("slurm_job"),
                            args.optionalText("log"), args.optionalText("label")));
                    return Reply.of("Tracking " + job.title() + " on " + job.worker() + "; you will not need to "
                            + "watch it: the hub says when it ends.", job);
                });
    }

    static String describe(List<WorkerGpus> workers) {
        if (workers.isEmpty()) {
            return "No worker has reported GPUs.";
        }
        List<String> lines = new ArrayList<>();
        for (WorkerGpus worker : workers) {
            lines.add(worker.worker() + (worker.stale() ? " (stale: no recent report)" : "")
                    + (worker.error() == null ? "" : " — " + worker.error()));
            for (GpuState gpu : worker.gpus()) {
                StringBuilder line = new StringBuilder("  GPU ").append(gpu.index()).append(' ').append(gpu.name())
                        .append(": ").append(gpu.utilizationPercent()).append("% busy, ")
                        .append(gpu.memoryUsedMib()).append('/').append(gpu.memoryTotalMib()).append(" MiB");
                if (!gpu.reservedFor().isEmpty()) {
                    line.append(", held by task ").append(gpu.reservedFor());
                }
                for (GpuProcess p : gpu.processes()) {
                    line.append("; ").append(p.taskId() != null ? "task " + p.taskId() + " " + p.name()
                            : "outside Dobby: " + p.user() + " " + (p.command() == null ? p.name() : p.command()))
                            .append(" (").append(p.usedMemoryMib()).append(" MiB)");
                }
                lines.add(line.toString());
            }
        }
        return String.join("\n", lines);
    }
}
