package dev.dobby.mcp;

import static dev.dobby.mcp.McpServerProcess.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Task;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a model sees when the hub is away, refuses the key, does not know a task, or the arguments are wrong. */
class McpErrorsTest {
    @TempDir
    Path home;

    @Test
    void anUnreachableHubIsAnErrorResultAndTheServerKeepsServing() throws IOException {
        String nobody = "http://127.0.0.1:" + freePort();
        try (McpServerProcess mcp = McpServerProcess.start(nobody, null)) {
            CallToolResult status = mcp.call("dobby_status", Map.of());

            assertThat(status.isError()).isTrue();
            assertThat(text(status)).startsWith("Cannot reach the Dobby hub at " + nobody + ".")
                    .contains("dobby start", "DOBBY_URL");
            assertThat(status.structuredContent()).isNull();

            CallToolResult add = mcp.call("dobby_add_task", Map.of("description", "echo hi", "project", "demo"));
            assertThat(add.isError()).isTrue();
            assertThat(text(add)).startsWith("Cannot reach the Dobby hub");
            assertThat(mcp.client().listTools().tools()).hasSize(20);
            String logged = "dobby_status: no hub at " + nobody;
            Await.until(() -> mcp.stderr().stream().anyMatch(line -> line.contains(logged)), Duration.ofSeconds(10),
                    "the failed call to be logged on the server's stderr");
        }
    }

    @Test
    void aWrongKeyIsAnErrorResultThatNamesTheSetting() {
        try (TestHub hub = TestHub.start(home, c -> c.withApiKey("the-right-key"));
             McpServerProcess wrong = McpServerProcess.start(hub.url(), "a-wrong-key");
             McpServerProcess none = McpServerProcess.start(hub.url(), null);
             McpServerProcess right = McpServerProcess.start(hub.url(), "the-right-key")) {
            for (McpServerProcess refused : List.of(wrong, none)) {
                CallToolResult projects = refused.call("dobby_projects", Map.of());
                assertThat(projects.isError()).isTrue();
                assertThat(text(projects)).contains("refused this server's API key (HTTP 401", "DOBBY_API_KEY")
                        .doesNotContain("the-right-key");
            }

            CallToolResult allowed = right.call("dobby_projects", Map.of());
            assertThat(allowed.isError()).as(text(allowed)).isFalse();
            assertThat(text(allowed)).startsWith("No projects are registered yet");
        }
    }

    @Test
    void unknownTasksAndProjectsAreErrorResultsThatSayHowToFindThem() {
        try (TestHub hub = TestHub.start(home); McpServerProcess mcp = McpServerProcess.start(hub.url(), null)) {
            hub.project("demo");
            for (String tool : List.of("dobby_get_task", "dobby_results", "dobby_cancel", "dobby_retry",
                    "dobby_detail_status")) {
                CallToolResult missing = mcp.call(tool, Map.of("task_id", 424242));
                assertThat(missing.isError()).as(tool).isTrue();
                assertThat(text(missing)).as(tool).contains("424242", "dobby_status");
            }

            CallToolResult noProject = mcp.call("dobby_add_task", Map.of("description", "echo hi",
                    "project", "nowhere"));
            assertThat(noProject.isError()).isTrue();
            assertThat(text(noProject)).contains("project 'nowhere' is not registered", "dobby_projects");

            CallToolResult noParent = mcp.call("dobby_add_task", Map.of("description", "echo hi",
                    "project", "demo", "depends_on", List.of(424242)));
            assertThat(noParent.isError()).isTrue();
            assertThat(text(noParent)).contains("depends_on names unknown task(s): [424242]");

            Task draft = hub.api().createTask(dev.dobby.protocol.NewTask.of("echo later", "demo").withDraft(true));
            CallToolResult notYet = mcp.call("dobby_results", Map.of("task_id", draft.id()));
            assertThat(notYet.isError()).isTrue();
            assertThat(text(notYet)).startsWith("Task #" + draft.id() + " has no result yet: it is draft");
        }
    }

    @Test
    void invalidArgumentsAreRefusedByTheSchemaWithAClearMessage() {
        try (TestHub hub = TestHub.start(home); McpServerProcess mcp = McpServerProcess.start(hub.url(), null)) {
            hub.project("demo");

            CallToolResult noProject = mcp.call("dobby_add_task", Map.of("description", "echo hi"));
            assertThat(noProject.isError()).isTrue();
            assertThat(text(noProject)).contains("input validation failed", "required property 'project'");

            CallToolResult badPriority = mcp.call("dobby_add_task", Map.of("description", "echo hi",
                    "project", "demo", "priority", "asap"));
            assertThat(badPriority.isError()).isTrue();
            assertThat(text(badPriority)).contains("/priority", "[\"urgent\", \"high\", \"normal\", \"low\"]");

            CallToolResult typo = mcp.call("dobby_add_task", Map.of("description", "echo hi", "project", "demo",
                    "priorty", "high"));
            assertThat(typo.isError()).isTrue();
            assertThat(text(typo)).contains("'priorty' is not defined");

            CallToolResult notAnId = mcp.call("dobby_get_task", Map.of("task_id", "seven"));
            assertThat(notAnId.isError()).isTrue();
            assertThat(text(notAnId)).contains("/task_id", "integer expected");

            CallToolResult emptyBatch = mcp.call("dobby_batch_add", Map.of("tasks", List.of()));
            assertThat(emptyBatch.isError()).isTrue();
            assertThat(text(emptyBatch)).contains("/tasks");

            CallToolResult badStatus = mcp.call("dobby_status", Map.of("status", List.of("finished")));
            assertThat(badStatus.isError()).isTrue();
            assertThat(text(badStatus)).contains("/status/0");

            assertThat(hub.api().listTasks(dev.dobby.protocol.TaskQuery.all()).total()).isZero();
            assertThatThrownBy(() -> mcp.call("dobby_no_such_tool", Map.of()))
                    .isInstanceOf(McpError.class).hasMessageContaining("Unknown tool");
            assertThat(mcp.call("dobby_projects", Map.of()).isError()).isFalse();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
