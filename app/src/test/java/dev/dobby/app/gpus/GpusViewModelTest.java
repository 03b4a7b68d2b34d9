package dev.dobby.app.gpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.app.fx.Background;
import dev.dobby.app.notify.Notice;
import dev.dobby.app.notify.NoticeRules;
import dev.dobby.hub.gpu.FakeNvidiaSmi;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.JobChanged;
import dev.dobby.protocol.gpu.GpuSeries;
import dev.dobby.protocol.gpu.NewTrackedJob;
import dev.dobby.protocol.gpu.TrackedJob;
import dev.dobby.protocol.gpu.WorkerGpus;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's GPUs page model against a real hub whose own worker reads a fake nvidia-smi, and the job notice. */
class GpusViewModelTest {
    @TempDir
    Path home;

    @Test
    void loadsGpusWithHistoryAndStopsATrackedJobWhichEndsWithANotice() throws Exception {
        FakeNvidiaSmi smi = new FakeNvidiaSmi(home.resolve("smi")).twoGpus(30000, 80).apps("");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", smi.bin + File.pathSeparator + System.getenv("PATH"));
        Process sleeper = new ProcessBuilder("setsid", "sleep", "300").start();
        List<HubEvent> events = new CopyOnWriteArrayList<>();
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withGpuPollInterval(Duration.ofSeconds(1)),
                b -> b.gpuSampleInterval(Duration.ofSeconds(1)).worker(new WorkerSettings(env, null, null, null, null)));
             HubApi.Subscription subscription = hub.client().subscribe(HubApi.EventFilter.hub(), events::add)) {
            GpusViewModel model = new GpusViewModel(hub.client(), Background.direct(), Clock.systemUTC());
            Await.until(() -> {
                model.refresh();
                return model.workers().size() == 1 && model.history("local", 1) != null;
            }, Duration.ofSeconds(15), "the local worker's GPUs");
            WorkerGpus local = model.workers().getFirst();
            assertThat(local.gpus()).extracting(g -> g.name()).containsExactly("NVIDIA A100-SXM4-80GB",
                    "NVIDIA A100-SXM4-80GB");
            GpuSeries first = model.history("local", 0);
            assertThat(first.util()).isNotEmpty();
            assertThat(first.util()[first.util().length - 1]).isEqualTo(80);

            TrackedJob job = hub.client().trackJob(new NewTrackedJob(null, null, sleeper.pid(), null, null, "sleeper"));
            model.refresh();
            assertThat(model.jobs()).extracting(TrackedJob::id).containsExactly(job.id());
            model.stop(model.jobs().getFirst());
            TrackedJob stopped = Await.until(() -> hub.client().jobs(null).getFirst(), j -> j.state().isOver(),
                    Duration.ofSeconds(15), "the job to stop");
            assertThat(stopped.state()).isEqualTo(TrackedJob.State.STOPPED);

            JobChanged ended = (JobChanged) Await.until(() -> events.stream()
                    .filter(e -> e instanceof JobChanged c && c.job().state().isOver()).findFirst().orElse(null),
                    e -> e != null, Duration.ofSeconds(10), "the job.changed event");
            Notice notice = NoticeRules.noticeFor(ended).orElseThrow();
            assertThat(notice.title()).isEqualTo("Job stopped: job " + job.id() + " (process " + sleeper.pid()
                    + ", sleeper)");
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
