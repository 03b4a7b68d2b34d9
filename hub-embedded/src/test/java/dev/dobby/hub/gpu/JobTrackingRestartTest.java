package dev.dobby.hub.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.gpu.NewTrackedJob;
import dev.dobby.protocol.gpu.TrackedJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tracked job is stored: a restarted hub's own worker goes on polling it and sees it end. */
class JobTrackingRestartTest {
    @TempDir
    Path home;

    private TestHub hub() {
        return TestHub.start(home.resolve("hub"), c -> c.withGpuPollInterval(Duration.ofSeconds(1)),
                b -> b.gpuSampleInterval(Duration.ofSeconds(1)));
    }

    @Test
    void trackingGoesOnAfterTheHubRestarts() throws Exception {
        Path log = home.resolve("run.log");
        Files.writeString(log, "step 1\nstep 2\n");
        Process job = new ProcessBuilder("setsid", "sleep", "300").start();
        try {
            long id;
            try (TestHub first = hub()) {
                id = first.api().trackJob(new NewTrackedJob(null, null, job.pid(), null, log.toString(), null)).id();
                Await.until(() -> first.api().jobs(null).getFirst().logTail().contains("step 2"),
                        Duration.ofSeconds(10), "a first poll");
            }
            Files.writeString(log, "step 3\n", java.nio.file.StandardOpenOption.APPEND);
            try (TestHub second = hub()) {
                Await.until(() -> second.api().jobs(null).getFirst().logTail().contains("step 3"),
                        Duration.ofSeconds(10), "a poll after the restart");
                job.destroy();
                TrackedJob ended = Await.until(() -> second.api().jobs(null).getFirst(), j -> j.state().isOver(),
                        Duration.ofSeconds(10), "the job to end");
                assertThat(ended.id()).isEqualTo(id);
                assertThat(ended.state()).isEqualTo(TrackedJob.State.ENDED);
                assertThat(ended.detail()).isEqualTo("process " + job.pid()
                        + " has ended (its exit status cannot be known from here)");
                assertThat(ended.logTail()).containsExactly("step 1", "step 2", "step 3");
            }
        } finally {
            job.destroyForcibly();
        }
    }
}
