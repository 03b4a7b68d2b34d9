package dev.dobby.mcp;

import static dev.dobby.mcp.McpServerProcess.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.testing.FakeRemoteControl;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.TaskStatus;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dobby_remote_session through the real MCP server process: the link comes back, or why there is none. */
class McpSessionTest {
    @TempDir
    Path home;

    @Test
    void opensASessionAndAnswersWithItsLink() {
        FakeRemoteControl claude = FakeRemoteControl.serving(home.resolve("bin"));
        WorkerSettings worker = new WorkerSettings(System.getenv(), claude.program().toString(), "/nonexistent/codex",
                null, null);
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c, b -> b.worker(worker));
             McpServerProcess mcp = McpServerProcess.start(hub.url(), null)) {
            hub.project("spare");
            CallToolResult opened = mcp.call("dobby_remote_session", Map.of("project", "spare", "on", "local"));
            assertThat(opened.isError()).isFalse();
            assertThat(text(opened)).matches("Session #(\\d+) \"dobby-spare\" in spare on local \\(running\\): open "
                    + FakeRemoteControl.LINK.replace(".", "\\."));
            long id = hub.api().sessions(true).get(0).id();
            hub.api().cancelTask(id);
            assertThat(hub.awaitEnd(id, Duration.ofSeconds(30)).status()).isEqualTo(TaskStatus.CANCELLED);
        }
    }

    @Test
    void saysWhyWhenNoWorkerCanRunSessions() {
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withMaxConcurrentAgents(0));
             McpServerProcess mcp = McpServerProcess.start(hub.url(), null)) {
            hub.project("spare");
            CallToolResult refused = mcp.call("dobby_remote_session", Map.of("project", "spare"));
            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).contains("no worker can run sessions: no online worker has Claude Code (claude)");
        }
    }
}
