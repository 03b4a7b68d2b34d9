package dev.dobby.mcp;

import static dev.dobby.mcp.McpServerProcess.structured;
import static dev.dobby.mcp.McpServerProcess.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kill switch and the cost cap through the real MCP server process. */
class McpPauseTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @Test
    void pauseHoldsTasksBackAndUnpauseLetsThemRun() {
        try (TestHub hub = TestHub.start(home); McpServerProcess mcp = McpServerProcess.start(hub.url(), null)) {
            hub.project("demo");

            CallToolResult paused = mcp.call("dobby_pause", Map.of());
            assertThat(paused.isError()).isFalse();
            assertThat(text(paused)).matches("Dispatch is paused \\(since \\d\\d:\\d\\d by Claude Code \\(MCP\\)\\)\\.");
            assertThat(structured(paused)).containsEntry("paused", true);

            Task task = hub.shell("demo", "echo held");
            String reason = Await.until(() -> hub.api().detailStatus(task.id()).waitingReason(),
                    r -> r != null && r.startsWith("dispatch is paused"), LIMIT, "the pause as waiting reason");
            assertThat(reason).endsWith("by Claude Code (MCP))");
            CallToolResult detail = mcp.call("dobby_detail_status", Map.of("task_id", task.id()));
            assertThat(text(detail)).contains("Waiting: dispatch is paused");

            CallToolResult unpaused = mcp.call("dobby_unpause", Map.of());
            assertThat(unpaused.isError()).isFalse();
            assertThat(text(unpaused)).isEqualTo("Dispatch is running: nothing is paused.");
            assertThat(hub.awaitEnd(task.id(), LIMIT).status()).isEqualTo(TaskStatus.COMPLETED);

            CallToolResult project = mcp.call("dobby_pause", Map.of("project", "demo"));
            assertThat(text(project)).startsWith("Project demo is paused (since ");
            assertThat(hub.api().pauseState().projects()).containsOnlyKeys("demo");
            mcp.call("dobby_unpause", Map.of("project", "demo"));
            assertThat(hub.api().pauseState().projects()).isEmpty();
        }
    }

    @Test
    void addTaskTakesACostCap() {
        try (TestHub hub = TestHub.start(home); McpServerProcess mcp = McpServerProcess.start(hub.url(), null)) {
            hub.project("demo");
            CallToolResult added = mcp.call("dobby_add_task", Map.of("description", "echo capped", "project", "demo",
                    "backend", "shell", "max_cost_usd", 2.5));
            assertThat(added.isError()).as(text(added)).isFalse();
            long id = ((Number) structured(added).get("id")).longValue();
            assertThat(hub.api().getTask(id).agent().maxCostUsd()).isEqualTo(2.5);
        }
    }
}
