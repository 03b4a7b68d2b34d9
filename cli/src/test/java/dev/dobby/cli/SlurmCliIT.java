package dev.dobby.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.SlurmCluster;
import dev.dobby.hub.testing.TestHub;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dobby agent --executor slurm} against a real single-node Slurm, and what {@code dobby detail-status} shows
 * and {@code dobby status} show of a task whose job waits in Slurm's queue and then runs.
 */
@Timeout(120)
class SlurmCliIT {
    @TempDir
    Path home;

    @Test
    void aSlurmSpokeStartedByTheCliShowsItsJobInDetailStatus() throws Exception {
        try (SlurmCluster slurm = SlurmCluster.start();
             TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withMaxConcurrentAgents(0))) {
            Path project = Files.createDirectories(home.resolve("hpc"));
            Cli dobby = new Cli().env("DOBBY_URL", hub.url()).in(project);
            assertThat(dobby.run("register", ".", "--name", "hpc").code()).isZero();

            Cli.Result refused = dobby.run("agent", "--hub", hub.url(), "--id", "cluster", "--executor", "pbs");
            assertThat(refused.code()).isEqualTo(2);
            assertThat(refused.err().strip()).isEqualTo("dobby: --executor must be local or slurm, not 'pbs'");

            Cli.Result noSlurm = new Cli().env("PATH", home.toString()).in(project)
                    .run("agent", "--hub", hub.url(), "--id", "cluster", "--executor", "slurm");
            assertThat(noSlurm.code()).as(noSlurm.toString()).isEqualTo(2);
            assertThat(noSlurm.out()).startsWith("dobby agent: --executor slurm needs Slurm's client commands"
                    + " (sbatch, squeue, scancel) on the PATH: cannot run sbatch");
            assertThat(noSlurm.err()).doesNotContain("Exception");

            Process spoke = startSpoke(hub, slurm);
            try {
                // Someone else's job holds the whole node, so ours waits in Slurm's queue.
                String blocker = slurm.command("sbatch", "--parsable", "--exclusive", "--output=/dev/null",
                        "--wrap", "sleep 120").strip();
                Cli.Result added = dobby.run("add", "echo from the node && sleep 5", "--project", "hpc",
                        "--backend", "shell", "--on", "cluster");
                Matcher m = Pattern.compile("Queued task #(\\d+)").matcher(added.out());
                assertThat(m.find()).as(added.toString()).isTrue();
                String id = m.group(1);

                Cli.Result waiting = Await.until(() -> dobby.run("detail-status", id),
                        r -> r.out().contains("queued in Slurm: Resources"), Duration.ofSeconds(30),
                        "the task's job to wait for resources");
                assertThat(waiting.out()).containsPattern("Task\\s+#" + id + "\\s+running");
                assertThat(waiting.out()).containsPattern("Waiting\\s+queued in Slurm: Resources");
                assertThat(waiting.out()).containsPattern(
                        "Job\\s+slurm job \\d+ PENDING \\(partition debug\\), reason Resources");

                Cli.Result queued = dobby.run("status");
                assertThat(queued.out()).containsPattern("UPDATED\\s+JOB\\s+DESCRIPTION");
                assertThat(queued.out()).containsPattern("#" + id + "\\s+running\\s+hpc\\s+shell\\s+\\S+\\s+.+?\\s+"
                        + "queued in Slurm: Resources\\s+echo from the node");

                slurm.command("scancel", blocker);
                Cli.Result running = Await.until(() -> dobby.run("status"),
                        r -> r.out().contains("RUNNING on"), Duration.ofSeconds(30), "the job to run");
                assertThat(running.out()).containsPattern("#" + id + "\\s+running\\s+.*slurm \\d+ RUNNING on "
                        + slurm.node() + " \\(debug\\)\\s+echo from the node");
                Cli.Result done = Await.until(() -> dobby.run("detail-status", id),
                        r -> r.out().contains("COMPLETED on"), Duration.ofSeconds(30), "the job to complete");
                assertThat(done.out()).containsPattern("Task\\s+#" + id + "\\s+completed");
                assertThat(done.out()).containsPattern(
                        "Job\\s+slurm job \\d+ COMPLETED on " + slurm.node() + " \\(partition debug\\)");
                assertThat(done.out()).doesNotContain("Waiting");
                assertThat(dobby.run("status").out()).containsPattern("UPDATED\\s+DESCRIPTION")
                        .containsPattern("#" + id + "\\s+completed").doesNotContain("JOB").doesNotContain("slurm");
                assertThat(dobby.run("results", id).out()).contains("from the node");
                assertThat(dobby.run("detail-status", id, "--json").out())
                        .containsPattern("\"executor\"\\s*:\\s*\"slurm\"")
                        .containsPattern("\"node\"\\s*:\\s*\"" + slurm.node() + "\"");
            } finally {
                spoke.destroyForcibly();
                spoke.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code dobby agent --executor slurm}, left running; returns once it has registered. */
    private Process startSpoke(TestHub hub, SlurmCluster slurm) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar",
                System.getProperty("dobby.cli.jar"), "agent", "--hub", hub.url(), "--id", "cluster",
                "--home", home.resolve("spoke").toString(), "--executor", "slurm", "--max-jobs", "2"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(home.resolve("spoke.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("DOBBY_"));
        builder.environment().putAll(slurm.env());
        Process spoke = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(spoke.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).as(Files.exists(home.resolve("spoke.log")) ? Files.readString(home.resolve("spoke.log"))
                : "no log").startsWith("spoke cluster registered with").contains("Slurm jobs, at most 2");
        Thread.ofVirtual().start(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe drained
                }
            } catch (java.io.IOException ignored) {
                // the spoke is gone
            }
        });
        return spoke;
    }
}
