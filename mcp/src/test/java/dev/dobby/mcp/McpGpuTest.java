package dev.dobby.mcp;

import static dev.dobby.mcp.McpServerProcess.structured;
import static dev.dobby.mcp.McpServerProcess.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.gpu.TrackedJob;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GPU requests, the GPU overview and job tracking through the real MCP server process. */
class McpGpuTest {
    @TempDir
    Path home;

    @Test
    void gpuTasksGpusAndTrackedJobs() {
        try (TestHub hub = TestHub.start(home); McpServerProcess mcp = McpServerProcess.start(hub.url(), null)) {
            hub.project("demo");
            CallToolResult added = mcp.call("dobby_add_task", Map.of("description", "python train.py", "project",
                    "demo", "backend", "shell", "gpus", 1, "gpu_model", "A100", "gpu_memory_mb", 20480));
            assertThat(added.isError()).as(text(added)).isFalse();
            Task task = hub.api().getTask(((Number) structured(added).get("id")).longValue());
            assertThat(task.gpuRequest().describe()).isEqualTo("1 GPU (model A100, 20480 MiB free each)");

            CallToolResult gpus = mcp.call("dobby_gpus", Map.of());
            assertThat(gpus.isError()).isFalse();
            assertThat(text(gpus)).isEqualTo("No worker has reported GPUs.");

            CallToolResult tracked = mcp.call("dobby_track_job", Map.of("task_id", task.id(), "slurm_job", "4242",
                    "label", "train"));
            assertThat(tracked.isError()).as(text(tracked)).isFalse();
            assertThat(text(tracked)).startsWith("Tracking job 1 (Slurm job 4242, train) on local;");
            TrackedJob job = hub.api().jobs(task.id()).getFirst();
            assertThat(job.kind()).isEqualTo(TrackedJob.Kind.SLURM);

            CallToolResult refused = mcp.call("dobby_track_job", Map.of("task_id", task.id()));
            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).contains("say which job to track: pid, slurm_job or log");
        }
    }
}
