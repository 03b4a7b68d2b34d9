package dev.dobby.hub.spokes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.SlurmCluster;
import dev.dobby.hub.testing.SpokeProcess;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.DetailStatus;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spoke with {@code --executor slurm} against a real single-node Slurm (slurmctld, slurmd and munged started
 * here), a real hub and the spoke in its own JVM: each attempt is one Slurm job running the supervisor.
 */
@Timeout(180)
class SlurmSpokeTest {
    static final Duration LEASE = Duration.ofSeconds(10);
    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    static final String SPOKE = "cluster";

    @TempDir
    static Path home;
    static SlurmCluster slurm;
    static TestHub hub;
    static SpokeProcess spoke;

    @BeforeAll
    static void startClusterHubAndSpoke() throws Exception {
        slurm = SlurmCluster.start();
        hub = TestHub.start(home.resolve("hub"), c -> c.withLease(LEASE, HEARTBEAT).withMaxConcurrentAgents(0));
        spoke = slurmSpoke(SPOKE, "--max-jobs", "4").start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (spoke != null) {
            spoke.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (slurm != null) {
            slurm.close();
        }
    }

    static SpokeProcess.Builder slurmSpoke(String id, String... args) {
        SpokeProcess.Builder builder = SpokeProcess.builder(home.resolve("spoke-" + id), hub.url(), id)
                .args("--executor", "slurm").args(args);
        slurm.env().forEach(builder::env);
        return builder;
    }

    static Task shell(String project, String command, String on) {
        return hub.api().createTask(NewTask.of(command, project).withBackend(Backend.SHELL).withTarget(on, List.of()));
    }

    static String jobOf(long taskId) {
        DetailStatus d = Await.until(() -> hub.api().detailStatus(taskId), s -> s.placement() != null,
                Duration.ofSeconds(20), "task " + taskId + " to be submitted to Slurm");
        return d.placement().jobId();
    }

    static DetailStatus awaitJobState(long taskId, String state) {
        return Await.until(() -> hub.api().detailStatus(taskId),
                d -> d.placement() != null && state.equals(d.placement().state()), Duration.ofSeconds(20),
                "task " + taskId + "'s Slurm job to be " + state);
    }

    @Test
    void twentyTasksRunAsSlurmJobsInDobbysOrderOneAtATimeForTheirProject() throws Exception {
        hub.project("order");
        Path trace = home.resolve("order.trace");
        // The first task holds the project (its limit is one at a time) while the other twenty queue up behind it.
        long gate = shell("order", "sleep 2", SPOKE).id();
        awaitJobState(gate, "RUNNING");
        Priority[] priorities = {Priority.LOW, Priority.NORMAL, Priority.URGENT, Priority.HIGH};
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = "t" + i;
            tasks.add(hub.api().createTask(NewTask.of("echo start " + name + " >> '" + trace + "'; sleep 0.2; echo end "
                    + name + " >> '" + trace + "'; echo done " + name, "order").withBackend(Backend.SHELL)
                    .withTarget(SPOKE, List.of()).withPriority(priorities[i % 4])));
        }
        for (Task task : tasks) {
            Task done = hub.awaitEnd(task.id(), Duration.ofSeconds(90));
            assertThat(done.status()).as("task %d", task.id()).isEqualTo(TaskStatus.COMPLETED);
        }
        List<String> expected = tasks.stream()
                .sorted(Comparator.comparing((Task t) -> t.priority().rank()).thenComparing(Task::id))
                .map(t -> t.description().split(" ")[2])
                .toList();
        List<String> lines = Files.readAllLines(trace);
        List<String> starts = lines.stream().filter(l -> l.startsWith("start ")).map(l -> l.substring(6)).toList();
        assertThat(starts).containsExactlyElementsOf(expected);
        // One at a time: every start is followed by its own end.
        for (int i = 0; i < lines.size(); i += 2) {
            assertThat(lines.get(i + 1)).isEqualTo(lines.get(i).replace("start", "end"));
        }
        Task first = tasks.getFirst();
        assertThat(hub.api().result(first.id()).summary()).contains("done t0");
        assertThat(slurm.jobsNamed("dobby-" + first.id() + "-1")).hasSize(1);
        DetailStatus detail = hub.api().detailStatus(first.id());
        assertThat(detail.placement().state()).isEqualTo("COMPLETED");
        assertThat(detail.placement().node()).isEqualTo(slurm.node());
        assertThat(detail.placement().partition()).isEqualTo("debug");
    }

    @Test
    void aFailingCommandFailsWithItsExitCode() {
        hub.project("fails");
        long id = shell("fails", "echo about to fail; exit 3", SPOKE).id();
        Task done = hub.awaitEnd(id, Duration.ofSeconds(30));
        assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(done.exitCode()).isEqualTo(3);
        assertThat(hub.api().result(id).summary()).contains("about to fail");
    }

    @Test
    void aTaskTimesOutUnderSlurm() throws Exception {
        hub.project("slow");
        long id = hub.api().createTask(NewTask.of("sleep 60", "slow").withBackend(Backend.SHELL)
                .withTarget(SPOKE, List.of()).withTimeout(3)).id();
        String job = jobOf(id);
        assertThat(slurm.jobField(job, "TimeLimit")).isEqualTo("00:02:00");
        Task done = hub.awaitEnd(id, Duration.ofSeconds(30));
        assertThat(done.status()).isEqualTo(TaskStatus.TIMED_OUT);
        Await.until(() -> !isActive(job), Duration.ofSeconds(15), "job " + job + " to end");
    }

    @Test
    void cancellingARunningTaskEndsItsJob() throws Exception {
        hub.project("cancel-running");
        long id = shell("cancel-running", "echo started; sleep 60", SPOKE).id();
        String job = jobOf(id);
        awaitJobState(id, "RUNNING");
        Await.until(() -> hub.api().logs(id, 0, 10).lines().size() == 1, Duration.ofSeconds(20), "its output");
        hub.api().cancelTask(id);
        assertThat(hub.awaitEnd(id, Duration.ofSeconds(5)).status()).isEqualTo(TaskStatus.CANCELLED);
        Await.until(() -> !isActive(job), Duration.ofSeconds(15), "job " + job + " to end");
    }

    @Test
    void aJobQueuedInSlurmShowsWhyAndCancelsThere() throws Exception {
        hub.project("queued");
        // Someone else's job takes every CPU of the node.
        String blocker = slurm.command("sbatch", "--parsable", "--exclusive", "--job-name=other-user",
                "--output=/dev/null", "--wrap", "sleep 120").strip();
        try {
            Await.until(() -> "RUNNING".equals(field(blocker, "JobState")), Duration.ofSeconds(20),
                    "the other job to run");
            long id = shell("queued", "echo never", SPOKE).id();
            String job = jobOf(id);
            DetailStatus waiting = awaitJobState(id, "PENDING");
            Await.until(() -> hub.api().detailStatus(id).waitingReason(), r -> r != null && r.contains(": "),
                    Duration.ofSeconds(10), "Slurm's reason");
            waiting = hub.api().detailStatus(id);
            assertThat(waiting.status()).isEqualTo(TaskStatus.RUNNING);
            assertThat(waiting.waitingReason()).isIn("queued in Slurm: Resources", "queued in Slurm: Priority");
            assertThat(waiting.currentStep()).isEqualTo(waiting.waitingReason());

            hub.api().cancelTask(id);
            assertThat(hub.awaitEnd(id, Duration.ofSeconds(5)).status()).isEqualTo(TaskStatus.CANCELLED);
            Await.until(() -> "CANCELLED".equals(field(job, "JobState")), Duration.ofSeconds(15),
                    "the queued job to be cancelled in Slurm");
            assertThat(hub.api().logs(id, 0, 10).lines()).isEmpty();
        } finally {
            slurm.command("scancel", blocker);
        }
    }

    @Test
    void anAdministratorsScancelFailsTheTaskAndSaysSo() throws Exception {
        hub.project("admin");
        long id = shell("admin", "echo started; sleep 60", SPOKE).id();
        String job = jobOf(id);
        awaitJobState(id, "RUNNING");
        slurm.command("scancel", job);
        Task done = hub.awaitEnd(id, Duration.ofSeconds(20));
        assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(done.statusReason()).contains("Slurm job " + job + " was cancelled outside Dobby");
    }

    @Test
    void aTaskAskingForGpusGetsThemAsGres() throws Exception {
        hub.project("gpu");
        long id = hub.api().createTask(NewTask.of("echo on a gpu", "gpu").withBackend(Backend.SHELL)
                .withTarget(SPOKE, List.of()).withGpus(2, "fake", null)).id();
        String job = jobOf(id);
        assertThat(hub.awaitEnd(id, Duration.ofSeconds(30)).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(slurm.jobField(job, "TresPerNode")).isEqualTo("gres:gpu:fake:2");

        long elsewhere = hub.api().createTask(NewTask.of("echo never", "gpu").withBackend(Backend.SHELL)
                .withTarget(SPOKE, List.of()).withGpus(1, "h100", null)).id();
        Task refused = hub.awaitEnd(elsewhere, Duration.ofSeconds(30));
        assertThat(refused.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(refused.statusReason()).isEqualTo("Slurm refused the job: Batch job submission failed:"
                + " Requested node configuration is not available");
    }

    @Test
    void aGpuRequestOnAClusterWithoutThatGresFailsClearly() throws Exception {
        hub.project("no-gres");
        try (SpokeProcess plain = slurmSpoke("no-gres", "--gres-name", "tpu").start()) {
            long id = hub.api().createTask(NewTask.of("echo never", "no-gres").withBackend(Backend.SHELL)
                    .withTarget("no-gres", List.of()).withGpus(1, null, null)).id();
            Task done = hub.awaitEnd(id, Duration.ofSeconds(30));
            assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(done.statusReason())
                    .isEqualTo("Slurm refused the job: Invalid generic resource (gres) specification");
            assertThat(plain.isAlive()).isTrue();
        }
    }

    @Test
    void sbatchRefusalsFailTheAttemptWithSlurmsMessage() throws Exception {
        hub.project("refused");
        try (SpokeProcess bad = slurmSpoke("nowhere", "--partition", "nosuchpartition").start()) {
            long id = shell("refused", "echo never", "nowhere").id();
            Task done = hub.awaitEnd(id, Duration.ofSeconds(30));
            assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(done.statusReason()).isEqualTo("Slurm refused the job: invalid partition specified:"
                    + " nosuchpartition; Batch job submission failed: Invalid partition name specified");
            assertThat(bad.isAlive()).isTrue();
        }
    }

    @Test
    void aSpokeKilledWhileItsJobsRunTakesThemUpAgainWithoutSubmittingTwice() throws Exception {
        hub.project("restart");
        Path runs = home.resolve("restart.runs");
        List<Long> ids = new ArrayList<>();
        hub.api().updateProject("restart", new dev.dobby.protocol.ProjectPolicy(null, null, 2, null, null));
        try (SpokeProcess first = slurmSpoke("restart", "--max-jobs", "2").start()) {
            for (int i = 0; i < 2; i++) {
                ids.add(shell("restart", "echo run $DOBBY_TASK_ID >> '" + runs + "'; echo before; sleep 4;"
                        + " echo after", "restart").id());
            }
            for (long id : ids) {
                awaitJobState(id, "RUNNING");
            }
            Await.until(() -> lines(runs).size() == 2, Duration.ofSeconds(20), "both runs to start");
            first.kill();
        }
        try (SpokeProcess again = slurmSpoke("restart", "--max-jobs", "2").start()) {
            for (long id : ids) {
                Task done = hub.awaitEnd(id, Duration.ofSeconds(40));
                assertThat(done.status()).as("task %d", id).isEqualTo(TaskStatus.COMPLETED);
                assertThat(done.attempts()).isEqualTo(1);
                assertThat(hub.api().logs(id, 0, 10).lines()).extracting(l -> l.text())
                        .containsExactly("before", "after");
                assertThat(slurm.jobsNamed("dobby-" + id + "-1")).hasSize(1);
                assertThat(slurm.jobsNamed("dobby-" + id + "-2")).isEmpty();
            }
        }
        assertThat(lines(runs)).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aJobLostWithItsNodeIsRetriedByTheHub() throws Exception {
        hub.project("node-fail");
        Path runs = home.resolve("node-fail.runs");
        long id = shell("node-fail", "echo run >> '" + runs + "'; if [ $(wc -l < '" + runs + "') -ge 2 ]; then"
                + " echo second run; else sleep 60; fi", SPOKE).id();
        String job = jobOf(id);
        awaitJobState(id, "RUNNING");
        Await.until(() -> lines(runs).size() == 1, Duration.ofSeconds(20), "the first run");
        slurm.command("scontrol", "update", "nodename=" + slurm.node(), "state=down", "reason=dobby-test");
        try {
            Await.until(() -> "NODE_FAIL".equals(field(job, "JobState")), Duration.ofSeconds(20),
                    "the job to fail with its node");
        } finally {
            try {
                slurm.command("scontrol", "update", "nodename=" + slurm.node(), "state=resume");
            } catch (java.io.IOException alreadyBack) {
                // ReturnToService=2 may have brought the node back already
            }
            Await.until(() -> slurm.nodeState().equals("idle"), Duration.ofSeconds(30), "the node to be back");
        }
        Task done = hub.awaitEnd(id, LEASE.multipliedBy(4));
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(hub.api().result(id).summary()).contains("second run");
        assertThat(slurm.jobsNamed("dobby-" + id + "-1")).containsExactly(job);
        assertThat(slurm.jobsNamed("dobby-" + id + "-2")).hasSize(1);
    }

    private static boolean isActive(String job) {
        String state = field(job, "JobState");
        return state.equals("PENDING") || state.equals("RUNNING") || state.equals("COMPLETING");
    }

    private static String field(String job, String name) {
        try {
            return slurm.jobField(job, name);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList()
                    : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
