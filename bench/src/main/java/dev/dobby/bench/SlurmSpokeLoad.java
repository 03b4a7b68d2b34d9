package dev.dobby.bench;

import dev.dobby.hub.Hub;
import dev.dobby.hub.config.HubConfig;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A spoke with {@code --executor slurm --max-jobs N} taking a queue of shell tasks: how long from the hub's claim
 * to the job's command running on the node (the command's first act is to print the time), and what the spoke
 * process costs per job (CPU time, resident memory). Needs a Slurm whose client commands work (SLURM_CONF);
 * {@code bench/slurm-spoke.sh} starts a throw-away one.
 *
 * <p>Usage: SlurmSpokeLoad [--tasks 200] [--max-jobs 50] [--seconds-per-task 2]
 */
public final class SlurmSpokeLoad {
    public static void main(String[] argv) throws Exception {
        var options = Args.ints(argv, new java.util.LinkedHashMap<>(java.util.Map.of("tasks", 200, "max-jobs", 50,
                "seconds-per-task", 2)));
        int tasks = options.get("tasks");
        int maxJobs = options.get("max-jobs");
        int seconds = options.get("seconds-per-task");
        Path home = Files.createTempDirectory("dobby-slurm-bench");
        Path project = Files.createDirectories(home.resolve("project"));
        Hub hub = Hub.builder().config(HubConfig.defaults(home.resolve("hub")).withPort(0)
                .withMaxConcurrentAgents(0)).build().start();
        var api = hub.api();
        api.registerProject(NewProject.of("load", project.toString()));
        api.updateProject("load", new ProjectPolicy(null, null, Math.min(64, maxJobs), null, null));

        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = home.resolve("spoke.log");
        Process spoke = new ProcessBuilder(java, "-Xlog:disable", "-cp", System.getProperty("java.class.path"),
                "dev.dobby.agent.spoke.SpokeMain", "--hub", hub.localUrl().toString(), "--id", "cluster",
                "--home", home.resolve("spoke").toString(), "--executor", "slurm", "--max-jobs",
                Integer.toString(maxJobs))
                .redirectError(log.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        while (api.spokes().stream().noneMatch(s -> s.id().equals("cluster"))) {
            Thread.sleep(100);
        }
        Thread.sleep(2000);
        ProcStat idle = ProcStat.of(spoke.pid());

        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            ids.add(api.createTask(NewTask.of("date +%s.%N; sleep " + seconds, "load")
                    .withBackend(Backend.SHELL).withTarget("cluster", List.of())).id());
        }
        long peakRss = idle.rssKb();
        List<Double> latencies = new ArrayList<>();
        long start = System.nanoTime();
        for (long id : ids) {
            Task task;
            while (!(task = api.getTask(id)).status().isTerminal()) {
                peakRss = Math.max(peakRss, ProcStat.of(spoke.pid()).rssKb());
                Thread.sleep(200);
            }
            if (task.status() != TaskStatus.COMPLETED) {
                System.out.println("task " + id + " ended " + task.status().wire() + ": " + task.statusReason());
                continue;
            }
            String first = api.logs(id, 0, 1).lines().getFirst().text().strip();
            Instant ran = Instant.ofEpochMilli((long) (Double.parseDouble(first) * 1000));
            latencies.add(Duration.between(task.startedAt(), ran).toMillis() / 1000.0);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        ProcStat busy = ProcStat.of(spoke.pid());
        spoke.destroy();
        spoke.waitFor();
        hub.close();

        latencies.sort(Double::compare);
        double cpu = busy.cpuSeconds() - idle.cpuSeconds();
        System.out.printf("%d tasks, --max-jobs %d, %d s each: all done in %.1f s%n", tasks, maxJobs, seconds, wall);
        System.out.printf("claim -> job running (command's first line): p50 %.3f s, p99 %.3f s, max %.3f s%n",
                pct(latencies, 50), pct(latencies, 99), latencies.getLast());
        System.out.printf("spoke CPU: %.2f s in all, %.1f ms per job%n", cpu, cpu * 1000 / tasks);
        System.out.printf("spoke RSS: %d MB idle, %d MB peak (%.2f MB per concurrent job)%n", idle.rssKb() / 1024,
                peakRss / 1024, (peakRss - idle.rssKb()) / 1024.0 / maxJobs);
        System.out.println("spoke log: " + log + File.separator);
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** CPU time and resident memory of a process, from /proc. */
    private record ProcStat(double cpuSeconds, long rssKb) {
        static ProcStat of(long pid) throws java.io.IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long rss = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElse(0L);
            return new ProcStat(ticks / 100.0, rss);
        }
    }
}
