package dev.dobby.hub.spokes;

import static dev.dobby.hub.spokes.SpokeCrashTest.HEARTBEAT;
import static dev.dobby.hub.spokes.SpokeCrashTest.LEASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.Hub;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.SpokeProcess;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.client.HubHttpClient;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.SpokeChanged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two spoke processes and the hub's own worker take tasks from one queue, each only what it may run. */
@Timeout(120)
class SharedQueueTest {
    @TempDir
    Path home;

    @Test
    void tasksLandWhereTargetingSaysAndEachRunsOnce() throws Exception {
        Path fakeSmi = fakeNvidiaSmi(home.resolve("bin"));
        Path cpuFar = Files.createDirectories(home.resolve("cpu-checkouts/far"));
        Path gpuFar = Files.createDirectories(home.resolve("gpu-checkouts/far"));
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withLease(LEASE, HEARTBEAT)
                .withMaxConcurrentAgents(1))) {
            HubHttpClient client = hub.client();
            List<HubEvent> events = new CopyOnWriteArrayList<>();
            try (HubApi.Subscription subscription = client.subscribe(HubApi.EventFilter.hub(), events::add);
                 SpokeProcess cpu = SpokeProcess.builder(home.resolve("cpu"), hub.url(), "cpu")
                         .project("far", cpuFar).start();
                 SpokeProcess gpu = SpokeProcess.builder(home.resolve("gpu"), hub.url(), "gpu").tag("gpu")
                         .project("far", gpuFar).pathFirst(fakeSmi).start()) {
                hub.project("p");
                client.updateProject("p", new ProjectPolicy(null, null, 8, null, null));
                // A project that exists only on the spokes, at a path the hub's machine does not have.
                client.registerProject(NewProject.remote("far", "/srv/nowhere/far"));

                Await.until(() -> events.stream().filter(e -> e instanceof SpokeChanged c
                        && c.spoke().state() == Spoke.State.ONLINE).count() >= 2, Duration.ofSeconds(10),
                        "both spokes announced online");
                Map<String, Spoke> spokes = byId(client.spokes());
                assertThat(spokes.keySet()).containsExactlyInAnyOrder(Hub.LOCAL_WORKER, "cpu", "gpu");
                Spoke gpuSpoke = spokes.get("gpu");
                assertThat(gpuSpoke.state()).isEqualTo(Spoke.State.ONLINE);
                assertThat(gpuSpoke.local()).isFalse();
                assertThat(gpuSpoke.lastHeartbeat()).isNotNull();
                assertThat(gpuSpoke.capabilities().tags()).containsExactly("gpu");
                assertThat(gpuSpoke.capabilities().backends()).contains(Backend.SHELL);
                assertThat(gpuSpoke.capabilities().cpus()).isPositive();
                assertThat(gpuSpoke.capabilities().gpus()).containsExactly(
                        new Spoke.Gpu(0, "NVIDIA H100 80GB HBM3", 81559, 1024, 37),
                        new Spoke.Gpu(1, "NVIDIA H100 80GB HBM3", 81559, 0, 0));
                assertThat(gpuSpoke.capabilities().projects()).containsEntry("far", gpuFar.toString());
                assertThat(spokes.get("cpu").capabilities().gpus()).isEmpty();

                long onCpu = client.createTask(shell("pwd", "p").withTarget("cpu", List.of())).id();
                long onGpu = client.createTask(shell("pwd", "p").withTarget(null, List.of("gpu"))).id();
                long onLocal = client.createTask(shell("pwd", "p").withTarget(Hub.LOCAL_WORKER, List.of())).id();
                long far = client.createTask(shell("pwd", "far")).id();
                long nowhere = client.createTask(shell("pwd", "p").withTarget(null, List.of("tpu"))).id();
                List<Long> anywhere = new ArrayList<>();
                for (int i = 0; i < 9; i++) {
                    anywhere.add(client.createTask(shell("sleep 0.3; echo " + i, "p")).id());
                }

                assertThat(done(hub, onCpu).worker()).isEqualTo("cpu");
                assertThat(done(hub, onGpu).worker()).isEqualTo("gpu");
                assertThat(done(hub, onLocal).worker()).isEqualTo(Hub.LOCAL_WORKER);
                Task farDone = done(hub, far);
                assertThat(farDone.worker()).isIn("cpu", "gpu");
                assertThat(client.result(far).summary())
                        .isEqualTo((farDone.worker().equals("cpu") ? cpuFar : gpuFar).toString());
                List<String> workers = new ArrayList<>();
                for (long id : anywhere) {
                    Task task = done(hub, id);
                    assertThat(task.attempts()).isEqualTo(1);
                    workers.add(task.worker());
                }
                assertThat(workers).allMatch(w -> List.of("cpu", "gpu", Hub.LOCAL_WORKER).contains(w));

                assertThat(client.getTask(nowhere).status()).isEqualTo(TaskStatus.PENDING);
                assertThat(client.detailStatus(nowhere).waitingReason())
                        .isEqualTo("no online worker with tags tpu can run shell tasks");

                // While a spoke runs a task, the hub's view says which.
                long busy = client.createTask(shell("sleep 3", "p").withTarget("cpu", List.of())).id();
                Await.until(() -> byId(client.spokes()).get("cpu").runningTasks().contains(busy),
                        Duration.ofSeconds(10), "spoke cpu to show its running task");
                done(hub, busy);
            }
        }
    }

    @Test
    void theHubsOwnWorkerReportsTheGpusNvidiaSmiSees() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\necho '0, NVIDIA H100 80GB HBM3, GPU-0, 37, 1024, 81559, 40, 120.5, 700'\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        WorkerSettings worker = new WorkerSettings(Map.of("PATH", bin + ":" + System.getenv("PATH")), null, null,
                PriceTable.EMPTY, null);
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c, b -> b.worker(worker))) {
            Spoke local = hub.client().spokes().stream().filter(s -> s.id().equals(Hub.LOCAL_WORKER)).findFirst()
                    .orElseThrow();
            assertThat(local.capabilities().gpus())
                    .containsExactly(new Spoke.Gpu(0, "NVIDIA H100 80GB HBM3", 81559, 1024, 37));
        }
    }

    @Test
    void theHubsOwnWorkerLeavesProjectsThatLiveOnSpokesAlone() {
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withLease(LEASE, HEARTBEAT)
                .withMaxConcurrentAgents(2))) {
            HubHttpClient client = hub.client();
            client.registerProject(NewProject.remote("far", "/srv/nowhere/far"));
            assertThat(client.getProject("far").remote()).isTrue();
            long id = client.createTask(shell("pwd", "far")).id();
            long local = client.createTask(shell("pwd", "far").withTarget(Hub.LOCAL_WORKER, List.of())).id();
            Await.until(() -> client.detailStatus(id).waitingReason() != null, Duration.ofSeconds(5),
                    "a waiting reason");
            assertThat(client.detailStatus(id).waitingReason())
                    .isEqualTo("no online spoke can run shell tasks of project far (on spokes only)");
            assertThat(client.detailStatus(local).waitingReason())
                    .isEqualTo("project far is on spokes only; the hub's own worker cannot run it");
            assertThat(client.getTask(id).status()).isEqualTo(TaskStatus.PENDING);
        }
    }

    @Test
    void aSpokeEnrolledWithTheSpokeTokenRunsTasksThatCannotSeeIt() throws Exception {
        String token = "spoke-token-for-this-test";
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withLease(LEASE, HEARTBEAT)
                .withApiKey("the-api-key-0123").withSpokeToken(token).withMaxConcurrentAgents(0));
             SpokeProcess spoke = SpokeProcess.builder(home.resolve("s"), hub.url(), "s").token(token).start()) {
            hub.project("p");
            long id = hub.shell("p", "echo \"token=[$DOBBY_SPOKE_TOKEN]\"").id();
            assertThat(done(hub, id).worker()).isEqualTo("s");
            assertThat(hub.api().result(id).summary()).isEqualTo("token=[]");
        }
    }

    private static NewTask shell(String command, String project) {
        return NewTask.of(command, project).withBackend(Backend.SHELL);
    }

    private static Task done(TestHub hub, long id) {
        Task task = hub.awaitEnd(id, Duration.ofSeconds(30));
        assertThat(task.status()).as("task " + id + ": " + task.statusReason()).isEqualTo(TaskStatus.COMPLETED);
        return task;
    }

    private static Map<String, Spoke> byId(List<Spoke> spokes) {
        Map<String, Spoke> out = new java.util.TreeMap<>();
        spokes.forEach(s -> out.put(s.id(), s));
        return out;
    }

    /** Prints what a two-GPU machine's nvidia-smi prints, plus a line nobody should trust. */
    static Path fakeNvidiaSmi(Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("nvidia-smi");
        Files.writeString(script, """
                #!/bin/sh
                case "$*" in
                  *--query-gpu=index,name,uuid,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw,power.limit*) ;;
                  *--query-compute-apps=*) exit 0 ;;
                  *) echo "unexpected arguments: $*" >&2; exit 2 ;;
                esac
                echo "0, NVIDIA H100 80GB HBM3, GPU-0, 37, 1024, 81559, 40, 120.5, 700.00"
                echo "1, NVIDIA H100 80GB HBM3, GPU-1, [Not Supported], [N/A], 81559, 30, [N/A], 700.00"
                echo "No devices were found, or something"
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }
}
