package dev.dobby.agent.gpu;

import dev.dobby.protocol.gpu.GpuProcess;
import dev.dobby.protocol.gpu.GpuState;
import dev.dobby.protocol.gpu.JobUpdate;
import dev.dobby.protocol.gpu.TrackedJob;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Looks at one tracked job on this machine: whether it still runs (its process, the process writing its log, or
 * its Slurm job), the GPUs its processes use, and the last lines of its log. Stops it when asked.
 */
final class JobPoller {
    static final int TAIL_LINES = 20;
    private static final int TAIL_BYTES = 8 * 1024;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> SLURM_RUNNING = Set.of("PENDING", "RUNNING", "CONFIGURING", "COMPLETING",
            "REQUEUED", "RESIZING", "SUSPENDED", "STAGE_OUT", "SIGNALING");

    private JobPoller() {
    }

    static JobUpdate poll(TrackedJob job, List<GpuState> gpus) {
        Long pid = job.pid();
        if (pid == null && job.logPath() != null && job.kind() != TrackedJob.Kind.SLURM) {
            pid = ProcessTree.holderOf(Path.of(job.logPath())).orElse(null);
        }
        List<String> tail = job.logPath() == null ? List.of() : tail(Path.of(job.logPath()));
        TrackedJob.State state;
        String detail;
        Integer exit = null;
        if (job.kind() == TrackedJob.Kind.SLURM) {
            SlurmState slurm = slurm(job.slurmJob());
            state = slurm.state();
            detail = slurm.detail();
            exit = slurm.exitCode();
        } else if (pid == null) {
            state = TrackedJob.State.ENDED;
            detail = "no process has " + job.logPath() + " open";
        } else if (ProcessTree.alive(pid)) {
            state = TrackedJob.State.RUNNING;
            detail = "process " + pid + " is running";
        } else {
            state = TrackedJob.State.ENDED;
            detail = "process " + pid + " has ended (its exit status cannot be known from here)";
        }
        if (state.isOver() && job.stopRequested()) {
            state = TrackedJob.State.STOPPED;
            detail = "stopped on request; " + detail;
        }
        Set<Integer> onGpus = new TreeSet<>();
        long memory = 0;
        if (pid != null && state == TrackedJob.State.RUNNING) {
            for (GpuState gpu : gpus) {
                for (GpuProcess process : gpu.processes()) {
                    if (ProcessTree.descendsFrom(process.pid(), pid)) {
                        onGpus.add(gpu.index());
                        memory += process.usedMemoryMib();
                    }
                }
            }
        }
        return new JobUpdate(job.id(), state, detail, exit, pid, onGpus.isEmpty() ? null : memory,
                List.copyOf(onGpus), tail);
    }

    /** Signal the job's process group (its process alone if it shares this worker's group), or scancel it. */
    static void stop(TrackedJob job, Long pid) {
        if (job.kind() == TrackedJob.Kind.SLURM) {
            run(List.of("scancel", job.slurmJob()));
            return;
        }
        if (pid == null) {
            return;
        }
        long group = ProcessTree.stat(pid).map(ProcessTree.Stat::pgid).orElse(pid);
        long ours = ProcessTree.stat(ProcessHandle.current().pid()).map(ProcessTree.Stat::pgid).orElse(-1L);
        String target = group > 1 && group != ours ? "-" + group : Long.toString(pid);
        run(List.of("kill", "-TERM", "--", target));
    }

    record SlurmState(TrackedJob.State state, String detail, Integer exitCode) {
    }

    static SlurmState slurm(String jobId) {
        String queued = run(List.of("squeue", "-h", "-j", jobId, "-o", "%T"));
        if (queued != null && !queued.isBlank()) {
            String state = queued.lines().findFirst().orElse("").strip();
            if (SLURM_RUNNING.contains(state.toUpperCase(Locale.ROOT))) {
                return new SlurmState(TrackedJob.State.RUNNING, "Slurm: " + state, null);
            }
        }
        String accounted = run(List.of("sacct", "-n", "-P", "-X", "-j", jobId, "-o", "State,ExitCode"));
        if (accounted == null || accounted.isBlank()) {
            return queued == null
                    ? new SlurmState(TrackedJob.State.RUNNING, "Slurm's squeue and sacct did not answer", null)
                    : new SlurmState(TrackedJob.State.ENDED, "Slurm no longer knows job " + jobId, null);
        }
        String[] f = accounted.lines().findFirst().orElse("").strip().split("\\|");
        String state = f[0].split(" ")[0].toUpperCase(Locale.ROOT);
        Integer exit = f.length > 1 ? exitOf(f[1]) : null;
        if (SLURM_RUNNING.contains(state)) {
            return new SlurmState(TrackedJob.State.RUNNING, "Slurm: " + state, null);
        }
        boolean ok = state.equals("COMPLETED") && (exit == null || exit == 0);
        return new SlurmState(ok ? TrackedJob.State.ENDED : TrackedJob.State.FAILED, "Slurm: " + state, exit);
    }

    private static Integer exitOf(String text) {
        try {
            return Integer.parseInt(text.strip().split(":")[0]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A command's output, or null when it is missing, fails or hangs. Arguments are passed as they are. */
    private static String run(List<String> command) {
        Path out = null;
        try {
            out = java.nio.file.Files.createTempFile("dobby-job-poll", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            // Output goes to a file and the wait is bounded: a hung squeue never holds up the monitor's round.
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? java.nio.file.Files.readString(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (out != null) {
                try {
                    java.nio.file.Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    static List<String> tail(Path file) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = Math.max(0, length - TAIL_BYTES);
            byte[] bytes = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(bytes);
            List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8)
                    .split("\r?\n")));
            if (from > 0 && !lines.isEmpty()) {
                lines.removeFirst();
            }
            lines.removeIf(String::isEmpty);
            // The tail leaves this machine (hub, webhooks, Slack): masked like an agent's own output.
            dev.dobby.agent.runner.Redactor redactor =
                    dev.dobby.agent.runner.Redactor.fromEnvironment(System.getenv(), List.of());
            return lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()).stream()
                    .map(redactor::redact).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
