package dev.dobby.mcp;

import static dev.dobby.mcp.McpServerProcess.structured;
import static dev.dobby.mcp.McpServerProcess.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task no worker can take, as an agent sees it through the real MCP server process. */
class McpWaitingTest {
    @TempDir
    Path home;

    @Test
    void aTaskThatCannotRunSaysSoInTheListAndItsDetail() {
        try (TestHub hub = TestHub.start(home); McpServerProcess mcp = McpServerProcess.start(hub.url(), null)) {
            hub.project("demo");
            Task gpu = hub.api().createTask(NewTask.of("echo on a GPU", "demo").withBackend(Backend.SHELL)
                    .withTarget(null, List.of("gpu")));

            CallToolResult listed = mcp.call("dobby_status", Map.of("project", "demo"));
            assertThat(text(listed)).contains("#" + gpu.id())
                    .contains("can't run: no online worker with tags gpu can run shell tasks");
            assertThat(structured(listed).get("waiting").toString()).contains("stuck=true");

            CallToolResult detail = mcp.call("dobby_detail_status", Map.of("task_id", gpu.id()));
            assertThat(text(detail))
                    .contains("Can't run until someone acts: no online worker with tags gpu can run shell tasks");
        }
    }
}
