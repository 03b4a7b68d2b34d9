package dev.dobby.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GPU requests, the GPU table and tracked jobs from the packaged CLI against a real hub. */
class GpuCliIT {
    @TempDir
    Path home;

    @Test
    void gpuRequestsGpusTableAndTrackedJobs() throws Exception {
        Process job = new ProcessBuilder("setsid", "sleep", "300").start();
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withGpuPollInterval(Duration.ofSeconds(1)),
                b -> b.gpuSampleInterval(Duration.ofSeconds(1)))) {
            Path project = Files.createDirectories(home.resolve("shop"));
            Cli dobby = new Cli().env("DOBBY_URL", hub.url()).in(project);
            assertThat(dobby.run("register", ".", "--name", "shop").code()).isZero();

            Cli.Result added = dobby.run("add", "python train.py", "--project", "shop", "--gpus", "2", "--gpu-memory",
                    "40G", "--gpu-model", "H100", "--json");
            assertThat(added.code()).as(added.toString()).isZero();
            JsonNode task = Json.lenient().readTree(added.out());
            assertThat(task.path("gpus").asInt()).isEqualTo(2);
            assertThat(task.path("gpu_memory_mb").asLong()).isEqualTo(40960);
            assertThat(task.path("gpu_model").asText()).isEqualTo("H100");
            Await.until(() -> dobby.run("status", "--json").out().contains("waiting: no worker has 2 GPUs"),
                    Duration.ofSeconds(10), "the reason it waits");

            Cli.Result badSize = dobby.run("add", "x", "--project", "shop", "--gpus", "1", "--gpu-memory", "lots");
            assertThat(badSize.code()).isNotZero();
            assertThat(badSize.err().strip()).isEqualTo(
                    "dobby: 'lots' is not a memory size (like 40G, 512M or 81920 for MiB)");

            assertThat(dobby.run("gpus").out()).contains("No worker has reported GPUs");

            Cli.Result tracked = dobby.run("track", "--pid", Long.toString(job.pid()), "--label", "sleeper",
                    "--task", Long.toString(task.path("id").asLong()), "--on", "local");
            assertThat(tracked.code()).as(tracked.toString()).isZero();
            assertThat(tracked.out().strip()).isEqualTo("tracking job 1 (process " + job.pid()
                    + ", sleeper) on local for task " + task.path("id").asLong());
            Await.until(() -> dobby.run("jobs").out(), out -> out.contains("pid " + job.pid() + " (sleeper)")
                    && out.contains("running"), Duration.ofSeconds(10), "the job in the list");

            assertThat(dobby.run("jobs", "--stop", "1").out().strip())
                    .isEqualTo("asked local to stop job 1 (process " + job.pid() + ", sleeper)");
            Await.until(() -> dobby.run("jobs").out(), out -> out.contains("stopped"), Duration.ofSeconds(15),
                    "the job to be stopped");
            assertThat(job.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("the process was signalled").isTrue();

            Cli.Result none = dobby.run("track");
            assertThat(none.code()).isNotZero();
            assertThat(none.err().strip()).isEqualTo("dobby: say which job: --pid PID, --slurm-job ID or --log FILE");
        } finally {
            job.destroyForcibly();
        }
    }
}
