package dev.dobby.hub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Slurm (Debian's slurm-wlm and munge) in a folder of its own, without systemd: munged,
 * slurmctld and slurmd each started with setsid, on free ports, with state, spool and logs under the folder. The
 * node offers two fake GPUs of type {@code fake} (GresTypes=gpu; gres.conf names two files that are not devices,
 * which slurmd logs as an error and otherwise accepts). Client commands need {@link #env()} (SLURM_CONF).
 *
 * <p>Settings that make it quick and faithful: batch_sched_delay=0 (a job starts in well under a second),
 * EnforcePartLimits=ALL (an impossible request is refused at sbatch instead of pending forever), MinJobAge=3600
 * (finished jobs stay visible to scontrol), accounting off (so sacct is unavailable, as on many clusters).
 */
public final class SlurmCluster implements AutoCloseable {
    private final Path dir;
    private final Path conf;
    private final String node;
    private final List<Process> daemons = new ArrayList<>();

    private SlurmCluster(Path dir, Path conf, String node) {
        this.dir = dir;
        this.conf = conf;
        this.node = node;
    }

    /**
     * Start a cluster in a new folder under the system's temp folder (munged wants every folder above its socket
     * enterable by all, which a test's private temp folder is not) and wait until its node is idle.
     */
    public static SlurmCluster start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("dobby-slurm-");
        Path munge = Files.createDirectories(dir.resolve("munge"));
        Path keyDir = Files.createDirectories(dir.resolve("munge-key"));
        for (String sub : List.of("state", "spool", "log")) {
            Files.createDirectories(dir.resolve(sub));
        }
        // munged insists: the socket's folder enterable by everyone, the key's readable by its owner only.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(munge, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(keyDir, PosixFilePermissions.fromString("rwx------"));
        Path key = keyDir.resolve("munge.key");
        run(List.of("mungekey", "--create", "--keyfile=" + key), Map.of());

        String layout = run(List.of("slurmd", "-C"), Map.of()).lines().findFirst().orElseThrow();
        String node = field(layout, "NodeName");
        long memory = Long.parseLong(field(layout, "RealMemory"));
        String cpus = layout.substring(layout.indexOf(" CPUs=") + 1, layout.indexOf(" RealMemory="));
        int ctldPort = freePort();
        int slurmdPort = freePort();
        Path socket = munge.resolve("munge.socket");
        Files.createFile(dir.resolve("gpu0"));
        Files.createFile(dir.resolve("gpu1"));
        Files.writeString(dir.resolve("gres.conf"),
                "NodeName=" + node + " Name=gpu Type=fake File=" + dir.resolve("gpu") + "[0-1]\n");
        Path conf = dir.resolve("slurm.conf");
        Files.writeString(conf, String.join("\n",
                "ClusterName=dobbytest",
                "SlurmctldHost=" + node + "(127.0.0.1)",
                "SlurmctldPort=" + ctldPort,
                "SlurmdPort=" + slurmdPort,
                "AuthType=auth/munge",
                "CredType=cred/munge",
                "AuthInfo=socket=" + socket,
                "SlurmUser=root",
                "SlurmdUser=root",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("log/slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("log/slurmd.log"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "JobCompType=jobcomp/filetxt",
                "JobCompLoc=" + dir.resolve("log/jobcomp.txt"),
                "MailProg=/bin/true",
                "MpiDefault=none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core",
                "EnforcePartLimits=ALL",
                "SchedulerParameters=batch_sched_delay=0",
                "MinJobAge=3600",
                "KillWait=5",
                "ReturnToService=2",
                "GresTypes=gpu",
                "NodeName=" + node + " NodeAddr=127.0.0.1 " + cpus + " RealMemory=" + (memory * 9 / 10)
                        + " Gres=gpu:fake:2 State=UNKNOWN",
                "PartitionName=debug Nodes=" + node + " Default=YES MaxTime=INFINITE State=UP",
                ""));
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));

        SlurmCluster cluster = new SlurmCluster(dir, conf, node);
        try {
            cluster.daemon("munged", List.of("munged", "--foreground", "--socket=" + socket, "--key-file=" + key,
                    "--pid-file=" + dir.resolve("munged.pid"), "--log-file=" + dir.resolve("log/munged.log"),
                    "--seed-file=" + dir.resolve("munge.seed")));
            Await.until(() -> Files.exists(socket), Duration.ofSeconds(10), "munged's socket");
            cluster.daemon("slurmctld", List.of("slurmctld", "-D", "-f", conf.toString()));
            cluster.daemon("slurmd", List.of("slurmd", "-D", "-f", conf.toString()));
            Await.until(() -> cluster.nodeState().equals("idle"), Duration.ofSeconds(30),
                    "the Slurm node to be idle (logs in " + dir.resolve("log") + ")");
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** SLURM_CONF for client commands and for the spoke. */
    public Map<String, String> env() {
        return Map.of("SLURM_CONF", conf.toString());
    }

    public Path dir() {
        return dir;
    }

    public String node() {
        return node;
    }

    /** What sinfo says of the node ({@code idle}, {@code mix}, {@code alloc}, ...), or "" if it cannot tell. */
    public String nodeState() {
        try {
            return run(List.of("sinfo", "-h", "-o", "%t"), env()).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Run a Slurm client command (squeue, scancel, ...) against this cluster; its stdout. */
    public String command(String... argv) throws IOException, InterruptedException {
        return run(List.of(argv), env());
    }

    /** The ids of jobs with this name, in any state. */
    public List<String> jobsNamed(String name) throws IOException, InterruptedException {
        return command("squeue", "-h", "-t", "all", "-n", name, "-o", "%i").lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
    }

    /** One field of {@code scontrol show job -o ID}, e.g. JobState. */
    public String jobField(String jobId, String field) throws IOException, InterruptedException {
        return field(command("scontrol", "show", "job", "-o", jobId), field);
    }

    private void daemon(String name, List<String> argv) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").resolve(name + ".out").toFile());
        builder.environment().putAll(env());
        daemons.add(builder.start());
    }

    @Override
    public void close() throws InterruptedException {
        try {
            // slurmstepd outlives slurmd: end the jobs first, so no job's processes are left behind.
            run(List.of("scancel", "--full", "--user=" + System.getProperty("user.name")), env());
            Await.until(() -> {
                try {
                    return command("squeue", "-h", "-t", "PENDING,RUNNING,COMPLETING,CONFIGURING", "-o", "%i")
                            .isBlank();
                } catch (IOException e) {
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }, Duration.ofSeconds(15), "Slurm jobs to end");
        } catch (IOException | RuntimeException | AssertionError e) {
            // a cluster that never came up has no jobs
        }
        for (Process daemon : daemons.reversed()) {
            daemon.destroy();
            if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
                daemon.waitFor(5, TimeUnit.SECONDS);
            }
        }
        try {
            dev.dobby.agent.supervisor.Folders.deleteTree(dir);
        } catch (IOException e) {
            // left in the temp folder
        }
    }

    static String field(String record, String name) {
        for (String part : record.strip().split("\\s+")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("no " + name + " in: " + record);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String run(List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
