package dev.dobby.agent.executor.slurm;

import dev.dobby.agent.executor.Execution;
import dev.dobby.agent.executor.Executor;
import dev.dobby.agent.executor.Launch;
import dev.dobby.agent.supervisor.AttemptFolder;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.Placement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each attempt as one Slurm job whose batch script runs the attempt's supervisor on the compute node. The attempt's
 * folder must be on a file system the node shares with this spoke (a cluster's home or scratch): the supervisor
 * writes the agent's output and exit record there, and this spoke reads them exactly as it reads a local
 * supervisor's. Slurm only adds what a scheduler knows: whether the job waits (and why), where it runs, and how it
 * ended when the supervisor could not say (cancelled by an administrator, killed at the time limit, node lost).
 *
 * <p>Jobs are named {@code dobby-TASK-ATTEMPT} and carry the comment {@code dobby:SPOKE:FOLDER}; the job id is
 * kept in the folder, so a restarted spoke follows its jobs again instead of submitting anew. Jobs are submitted
 * with {@code --no-requeue}: a requeued job would run the agent a second time behind Dobby's back; a preempted or
 * failed node makes the attempt lost instead, and the hub retries it by its policy.
 */
public final class SlurmExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SlurmExecutor.class);
    static final String SCRIPT = """
            #!/bin/sh
            # A Dobby attempt: its supervisor, with the agent's argv, comes as the arguments.
            exec "$@"
            """;

    private final String spokeId;
    private final SlurmOptions options;
    private final Duration killGrace;
    private final Slurm slurm = new Slurm();
    private final SlurmJobs jobs;

    public SlurmExecutor(String spokeId, SlurmOptions options, Duration killGrace) {
        this.spokeId = spokeId;
        this.options = options;
        this.killGrace = killGrace;
        this.jobs = new SlurmJobs(slurm, options.poll());
    }

    /** Why this machine cannot submit jobs at all (no sbatch on the PATH), if it cannot. */
    public Optional<String> unavailable() {
        Slurm.Result r = slurm.run(List.of("sbatch", "--version"));
        return r.ok() ? Optional.empty()
                : Optional.of("--executor slurm needs Slurm's client commands (sbatch, squeue, scancel) on the PATH: "
                        + r.message());
    }

    /** The job name of an attempt. */
    static String jobName(Assignment assignment) {
        return "dobby-" + assignment.taskId() + "-" + assignment.attemptNumber();
    }

    private String comment(AttemptFolder folder) {
        return "dobby:" + spokeId + ":" + folder.dir().getFileName();
    }

    @Override
    public Execution launch(Launch launch) throws Refused {
        AttemptFolder folder = launch.folder();
        Path script = folder.dir().resolve("job.sh");
        try {
            Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Refused("cannot write the batch script " + script + ": " + e.getMessage());
        }
        List<String> argv = new ArrayList<>(sbatchOptions(launch.assignment(), folder, launch.workdir()));
        argv.add(script.toString());
        argv.addAll(launch.supervised());
        // Slurm sets the GPUs it allocates itself; this machine's idea of visible devices must not reach the node.
        java.util.Map<String, String> environment = new java.util.HashMap<>(launch.environment());
        environment.remove("CUDA_VISIBLE_DEVICES");
        environment.remove("NVIDIA_VISIBLE_DEVICES");
        Slurm.Result result = slurm.run(argv, environment, launch.workdir());
        if (!result.ok()) {
            throw new Refused("Slurm refused the job: " + result.message());
        }
        String jobId = result.out().strip().split(";")[0].strip();
        if (!jobId.matches("\\d+")) {
            throw new Refused("sbatch gave no job id: " + result.out().strip());
        }
        try {
            folder.recordJob(jobId);
        } catch (UncheckedIOException e) {
            jobs.cancel(jobId);
            throw new Refused("cannot record Slurm job " + jobId + " in " + folder + ": " + e.getMessage());
        }
        log.info("task {}: submitted as Slurm job {}", launch.assignment().taskId(), jobId);
        return new Job(jobs.track(jobId, options.partition()), folder, Instant.now());
    }

    /** Everything before the script: identity, files, limits and resources. */
    List<String> sbatchOptions(Assignment assignment, AttemptFolder folder, Path workdir) {
        List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable",
                "--job-name=" + jobName(assignment),
                "--comment=" + comment(folder),
                "--chdir=" + workdir,
                "--output=" + folder.dir().resolve("slurm.out"),
                "--open-mode=append",
                "--no-requeue",
                "--export=ALL"));
        if (options.partition() != null) {
            argv.add("--partition=" + options.partition());
        }
        if (options.account() != null) {
            argv.add("--account=" + options.account());
        }
        if (options.qos() != null) {
            argv.add("--qos=" + options.qos());
        }
        if (assignment.timeoutSeconds() > 0) {
            // The supervisor stops the agent at the timeout to the second; Slurm's limit (whole minutes) is the
            // backstop, with room for the kill grace.
            long seconds = assignment.timeoutSeconds() + killGrace.toSeconds();
            argv.add("--time=" + ((seconds + 59) / 60 + 1));
        }
        if (assignment.gpus() > 0) {
            // The GRES type is the model as the cluster names it (gres.conf's Type=); Slurm has no request for a
            // GPU's free memory, so gpu_memory_mb is left to the choice of type.
            argv.add("--gres=" + options.gresName()
                    + (assignment.gpuModel() == null ? "" : ":" + assignment.gpuModel()) + ":" + assignment.gpus());
        }
        argv.addAll(options.sbatchArgs());
        return argv;
    }

    @Override
    public Optional<Execution> find(AttemptFolder folder) {
        Optional<String> jobId = folder.job().or(() -> findByComment(folder));
        return jobId.map(id -> {
            folder.recordJob(id);
            return new Job(jobs.track(id, options.partition()), folder, Instant.now());
        });
    }

    /** A job submitted just before the spoke died, before it could note the id: Slurm knows it by its comment. */
    private Optional<String> findByComment(AttemptFolder folder) {
        String wanted = comment(folder);
        return jobs.all().flatMap(all -> all.stream().filter(j -> wanted.equals(j.comment())).findFirst())
                .map(JobState::jobId);
    }

    @Override
    public void reap(AttemptFolder folder) {
        folder.job().ifPresent(jobs::cancel);
    }

    /** One attempt's job. */
    private final class Job implements Execution {
        private final SlurmJobs.Tracked tracked;
        private final AttemptFolder folder;
        private final Instant startedAt;

        Job(SlurmJobs.Tracked tracked, AttemptFolder folder, Instant startedAt) {
            this.tracked = tracked;
            this.folder = folder;
            this.startedAt = startedAt;
        }

        @Override
        public long pid() {
            return -1;
        }

        @Override
        public Instant startedAt() {
            return startedAt;
        }

        @Override
        public boolean running() {
            return !tracked.ended();
        }

        @Override
        public void stopRequested() {
            JobState state = tracked.last;
            // A job that runs has a supervisor reading the stop file, which stops the agent gently; one that
            // waits never will.
            if (state == null || !"RUNNING".equals(state.state())) {
                jobs.cancel(tracked.jobId);
            }
        }

        @Override
        public void watchPlacement(Consumer<Placement> listener) {
            tracked.watchers.add(listener);
            listener.accept(tracked.placement());
        }

        @Override
        public Optional<Ending> endedWithoutRecord(boolean stopRequested) {
            JobState state = tracked.last;
            String id = tracked.jobId;
            if (state == null) {
                return Optional.empty();
            }
            return switch (state.state()) {
                case "CANCELLED" -> Optional.of(stopRequested
                        ? new Ending(TaskStatus.CANCELLED, null, "cancelled")
                        : new Ending(TaskStatus.FAILED, null, "Slurm job " + id
                                + " was cancelled outside Dobby (scancel by a user or an administrator)"));
                case "TIMEOUT", "DEADLINE" -> Optional.of(new Ending(TaskStatus.TIMED_OUT, null,
                        "Slurm ended job " + id + " at its time limit"));
                case "OUT_OF_MEMORY" -> Optional.of(new Ending(TaskStatus.FAILED, null,
                        "Slurm job " + id + " ran out of memory"));
                case "FAILED" -> {
                    Integer code = jobs.exitCode(id).orElse(null);
                    yield Optional.of(new Ending(TaskStatus.FAILED, code, "Slurm job " + id
                            + " failed before its supervisor could record the agent's end"
                            + (code == null ? "" : " (exit code " + code + ")") + slurmOutput()));
                }
                // PREEMPTED, NODE_FAIL, BOOT_FAIL, a COMPLETED job without a record: the attempt is lost and the
                // hub retries it by its policy.
                default -> Optional.empty();
            };
        }

        /** The first lines Slurm itself wrote for the job (a missing working directory, say). */
        private String slurmOutput() {
            try {
                Path file = folder.dir().resolve("slurm.out");
                if (!Files.exists(file)) {
                    return "";
                }
                String text = String.join(" ", Files.readAllLines(file).stream().limit(3).toList()).strip();
                return text.isEmpty() ? "" : ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
            } catch (IOException | UncheckedIOException e) {
                return "";
            }
        }
    }
}
