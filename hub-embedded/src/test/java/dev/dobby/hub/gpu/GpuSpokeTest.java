package dev.dobby.hub.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.SpokeProcess;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.hub.testing.WebhookReceiver;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.GpusChanged;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.gpu.GpuProcess;
import dev.dobby.protocol.gpu.GpuSeries;
import dev.dobby.protocol.gpu.GpuState;
import dev.dobby.protocol.gpu.TrackedJob;
import dev.dobby.protocol.gpu.WorkerGpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real spoke processes with a fake nvidia-smi that answers from a scenario folder the test rewrites: what the hub
 * shows of their GPUs, whose processes run on them, which GPUs GPU tasks get, and tracked jobs.
 */
@Timeout(120)
class GpuSpokeTest {
    static final Duration SECOND = Duration.ofSeconds(1);

    @TempDir
    Path home;

    private TestHub hub(WebhookReceiver webhook) {
        return TestHub.start(home.resolve("hub"), c -> {
            var config = c.withLease(Duration.ofSeconds(6), SECOND).withMaxConcurrentAgents(0)
                    .withGpuPollInterval(SECOND);
            return webhook == null ? config : config.withWebhook(webhook.url("/hook"), true);
        }, b -> b.gpuSampleInterval(SECOND));
    }

    /** Project p, which runs up to four tasks at once: only GPUs hold its tasks back. */
    private static void project(TestHub hub) {
        hub.project("p");
        hub.api().updateProject("p", new dev.dobby.protocol.ProjectPolicy(null, null, 4, null, null));
    }

    private SpokeProcess spoke(TestHub hub, String id, FakeNvidiaSmi smi) {
        SpokeProcess.Builder builder = SpokeProcess.builder(home.resolve(id), hub.url(), id).maxConcurrent(4);
        if (smi != null) {
            builder.pathFirst(smi.bin).env("DOBBY_FAKE_SMI", smi.scenario.toString());
        }
        return builder.start();
    }

    private static long gpuTask(TestHub hub, String command, int gpus) {
        return hub.api().createTask(NewTask.of(command, "p").withBackend(Backend.SHELL).withGpus(gpus, null, null))
                .id();
    }

    private static WorkerGpus awaitGpus(TestHub hub, String worker, Predicate<WorkerGpus> done, String what) {
        return Await.until(() -> hub.client().gpus().stream().filter(w -> w.worker().equals(worker)).findFirst()
                .orElse(null), w -> w != null && done.test(w), Duration.ofSeconds(20), what);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList()
                    : List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void gpusAreMonitoredAttributedAndGivenOutOneTaskEach() throws Exception {
        FakeNvidiaSmi smi = new FakeNvidiaSmi(home.resolve("smi")).twoGpus(0, 0).apps("");
        Process outside = new ProcessBuilder("sleep", "300").start();
        List<HubEvent> events = new CopyOnWriteArrayList<>();
        try (TestHub hub = hub(null);
             HubApi.Subscription subscription = hub.client().subscribe(HubApi.EventFilter.hub(), events::add);
             SpokeProcess spoke = spoke(hub, "gpu-1", smi)) {
            project(hub);
            WorkerGpus first = awaitGpus(hub, "gpu-1", w -> w.gpus().size() == 2 && !w.stale(), "two GPUs");
            GpuState gpu0 = first.gpus().get(0);
            assertThat(gpu0.name()).isEqualTo("NVIDIA A100-SXM4-80GB");
            assertThat(gpu0.uuid()).isEqualTo(FakeNvidiaSmi.UUID0);
            assertThat(gpu0.memoryTotalMib()).isEqualTo(81920);
            assertThat(gpu0.temperatureC()).isEqualTo(41);
            assertThat(gpu0.powerDrawW()).isEqualTo(250.5);
            assertThat(first.gpus().get(1).powerDrawW()).as("[N/A] is no figure").isNull();
            assertThat(first.error()).isNull();

            // Two GPU tasks get one GPU each, and see only it.
            Path seen = home.resolve("seen");
            String hold = "echo $$ > '" + home + "'/pid-$DOBBY_TASK_ID; "
                    + "echo \"$DOBBY_TASK_ID $CUDA_VISIBLE_DEVICES $NVIDIA_VISIBLE_DEVICES\" >> '" + seen + "'; sleep 300";
            long a = gpuTask(hub, hold, 1);
            long b = gpuTask(hub, hold, 1);
            Await.until(() -> lines(seen).size() == 2, Duration.ofSeconds(20), "both GPU tasks to start: "
                    + hub.api().getTask(a) + hub.api().getTask(b) + spoke.logText());
            assertThat(java.util.Set.copyOf(lines(seen))).as("one GPU each, visible as such")
                    .isIn(java.util.Set.of(a + " 0 0", b + " 1 1"), java.util.Set.of(a + " 1 1", b + " 0 0"));
            long c = gpuTask(hub, "echo \"$CUDA_VISIBLE_DEVICES\" >> '" + seen + "'", 1);
            long d = gpuTask(hub, "echo never", 4);
            Task tooBig = Await.until(() -> hub.api().getTask(d), t -> t.statusReason() != null,
                    Duration.ofSeconds(10), "a reason for the task no worker can serve");
            assertThat(tooBig.statusReason()).isEqualTo("waiting: no worker has 4 GPUs "
                    + "(gpu-1: 2 × NVIDIA A100-SXM4-80GB (81920 MiB))");
            assertThat(hub.api().getTask(c).status()).as("no free GPU for a third task").isEqualTo(TaskStatus.PENDING);
            assertThat(hub.api().getTask(c).statusReason()).isNull();

            // A's process on GPU 0 is shown as task a's; a process outside Dobby with its user and command.
            int gpuOfA = lines(seen).contains(a + " 0 0") ? 0 : 1;
            long pidA = Long.parseLong(Files.readString(home.resolve("pid-" + a)).strip());
            String uuidOfA = gpuOfA == 0 ? FakeNvidiaSmi.UUID0 : FakeNvidiaSmi.UUID1;
            String otherUuid = gpuOfA == 0 ? FakeNvidiaSmi.UUID1 : FakeNvidiaSmi.UUID0;
            smi.twoGpus(40000, 97).apps(uuidOfA + ", " + pidA + ", python, 40000\n"
                    + otherUuid + ", " + outside.pid() + ", sleep, 500\n");
            WorkerGpus busy = awaitGpus(hub, "gpu-1", w -> w.gpus().stream().allMatch(g -> !g.processes().isEmpty()),
                    "the processes on both GPUs");
            GpuProcess ofA = busy.gpus().get(gpuOfA).processes().getFirst();
            assertThat(ofA.taskId()).isEqualTo(a);
            assertThat(ofA.usedMemoryMib()).isEqualTo(40000);
            GpuProcess stranger = busy.gpus().get(1 - gpuOfA).processes().getFirst();
            assertThat(stranger.taskId()).isNull();
            assertThat(stranger.user()).isEqualTo(System.getProperty("user.name"));
            assertThat(stranger.command()).isEqualTo("sleep 300");
            assertThat(busy.gpus().get(gpuOfA).reservedFor()).containsExactly(a);
            assertThat(busy.gpus().get(1 - gpuOfA).reservedFor()).containsExactly(b);
            assertThat(events).filteredOn(e -> e instanceof GpusChanged g && g.gpus().worker().equals("gpu-1"))
                    .as("gpus.changed events among " + events.stream().map(HubEvent::type).toList()).isNotEmpty();

            GpuSeries history = hub.client().gpuHistory("gpu-1", 0, null).series().getFirst();
            assertThat(history.worker()).isEqualTo("gpu-1");
            assertThat(history.t()).isNotEmpty();
            assertThat(history.util()).hasSameSizeAs(history.t());
            assertThat(history.util()[history.util().length - 1]).isPositive();
            assertThat(history.mem()[history.mem().length - 1]).isPositive();

            // A failing nvidia-smi is said, and the GPUs last seen are kept.
            smi.failing(true);
            WorkerGpus failing = awaitGpus(hub, "gpu-1", w -> w.error() != null, "the failure");
            assertThat(failing.error())
                    .isEqualTo("nvidia-smi failed (exit 9): Failed to initialize NVML: Driver/library version mismatch");
            assertThat(failing.gpus()).hasSize(2);
            smi.failing(false);
            awaitGpus(hub, "gpu-1", w -> w.error() == null, "the failure to pass");

            // A hung one is given up on, and the spoke goes on running tasks: cancelling a lets c have its GPU.
            smi.hanging(true);
            WorkerGpus hung = awaitGpus(hub, "gpu-1", w -> w.error() != null, "the hang");
            assertThat(hung.error()).isEqualTo("nvidia-smi did not answer within 1 s");
            hub.api().cancelTask(a);
            hub.awaitStatus(c, TaskStatus.COMPLETED, Duration.ofSeconds(20));
            assertThat(lines(seen).getLast()).isEqualTo(Integer.toString(gpuOfA));
            smi.hanging(false);
            awaitGpus(hub, "gpu-1", w -> w.error() == null, "the hang to pass");
            assertThat(spoke.logText().split("cannot read its GPUs", -1)).as("each failure logged once")
                    .hasSize(3);
            hub.api().cancelTask(b);
            hub.api().cancelTask(d);
        } finally {
            outside.destroyForcibly();
        }
    }

    @Test
    void aReservationOutlivesASpokeKilledWithSigkillAndEndsWithItsAttempt() throws Exception {
        FakeNvidiaSmi smi = new FakeNvidiaSmi(home.resolve("smi"))
                .gpus("0, NVIDIA H100 80GB HBM3, " + FakeNvidiaSmi.UUID0 + ", 0, 0, 81559, 30, 70.1, 700.00\n")
                .apps("");
        try (TestHub hub = hub(null)) {
            project(hub);
            Path seen = home.resolve("seen");
            Path go = home.resolve("go");
            long x;
            try (SpokeProcess doomed = spoke(hub, "a", smi)) {
                awaitGpus(hub, "a", w -> w.gpus().size() == 1, "the H100");
                x = gpuTask(hub, "echo \"$CUDA_VISIBLE_DEVICES\" >> '" + seen + "'; while [ ! -e '" + go
                        + "' ]; do sleep 0.2; done; echo done", 1);
                Await.until(() -> lines(seen).size() == 1, Duration.ofSeconds(20), "x to start");
                doomed.kill();
            }
            long y = gpuTask(hub, "echo \"$CUDA_VISIBLE_DEVICES\" >> '" + seen + "'", 1);
            try (SpokeProcess again = spoke(hub, "a", smi)) {
                Thread.sleep(2_000);
                assertThat(hub.api().getTask(x).status()).as("x runs on under its supervisor: " + hub.api().getTask(x))
                        .isEqualTo(TaskStatus.RUNNING);
                assertThat(hub.api().getTask(y).status()).as("x still holds the only GPU")
                        .isEqualTo(TaskStatus.PENDING);
                Files.writeString(go, "");
                assertThat(hub.awaitEnd(x, Duration.ofSeconds(20)).status()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(hub.awaitEnd(y, Duration.ofSeconds(20)).status()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(lines(seen)).containsExactly("0", "0");
            }
        }
    }

    @Test
    void aTrackedBackgroundJobIsPolledThroughASpokeRestartAndAnnouncedWhenItEnds() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(); TestHub hub = hub(receiver)) {
            hub.project("p");
            Path log = home.resolve("train.log");
            Path go = home.resolve("go");
            // The agent starts a job that outlives it, and registers it through the variables Dobby gives it.
            String command = "setsid sh -c 'echo epoch 1; while [ ! -e " + go + " ]; do sleep 0.2; done; "
                    + "echo epoch 2; echo finished' > " + log + " 2>&1 < /dev/null & "
                    + "curl -sf -X POST \"$DOBBY_URL/jobs\" -H 'Content-Type: application/json' -d "
                    + "\"{\\\"task_id\\\": $DOBBY_TASK_ID, \\\"pid\\\": $!, \\\"log\\\": \\\"" + log
                    + "\\\", \\\"label\\\": \\\"train\\\"}\"";
            long id;
            try (SpokeProcess first = spoke(hub, "a", null)) {
                id = hub.shell("p", command).id();
                assertThat(hub.awaitEnd(id, Duration.ofSeconds(20)).status()).isEqualTo(TaskStatus.COMPLETED);
                TrackedJob polled = Await.until(() -> hub.client().jobs(id), jobs -> jobs.size() == 1
                        && jobs.getFirst().logTail().contains("epoch 1"), Duration.ofSeconds(20),
                        "the job to be polled").getFirst();
                assertThat(polled.state()).isEqualTo(TrackedJob.State.RUNNING);
                assertThat(polled.worker()).isEqualTo("a");
                assertThat(polled.label()).isEqualTo("train");
                first.kill();
            }
            try (SpokeProcess again = spoke(hub, "a", null)) {
                Files.writeString(go, "");
                TrackedJob ended = Await.until(() -> hub.client().jobs(id).getFirst(), j -> j.state().isOver(),
                        Duration.ofSeconds(20), "the job to end");
                assertThat(ended.state()).isEqualTo(TrackedJob.State.ENDED);
                assertThat(ended.logTail()).containsExactly("epoch 1", "epoch 2", "finished");
                WebhookReceiver.Call call = Await.until(receiver::calls, calls -> calls.stream()
                        .anyMatch(k -> k.body().contains("job.ended")), Duration.ofSeconds(20), "the webhook")
                        .stream().filter(k -> k.body().contains("job.ended")).findFirst().orElseThrow();
                assertThat(call.json().path("event").asText()).isEqualTo("job.ended");
                assertThat(call.json().path("task").path("id").asLong()).isEqualTo(id);
                assertThat(call.json().path("job").path("log_tail").toString()).contains("finished");
            }
        }
    }
}
