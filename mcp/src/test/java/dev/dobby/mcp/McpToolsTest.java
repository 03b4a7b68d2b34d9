package dev.dobby.mcp;

import static dev.dobby.mcp.McpServerProcess.structured;
import static dev.dobby.mcp.McpServerProcess.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every tool, called through the real server process against a real hub. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpToolsTest {
    private static final Duration END = Duration.ofSeconds(20);

    private Path home;
    private TestHub hub;
    private McpServerProcess mcp;

    @BeforeAll
    void start(@TempDir Path home) {
        this.home = home;
        hub = TestHub.start(home);
        hub.project("demo");
        mcp = McpServerProcess.start(hub.url(), null);
    }

    @AfterAll
    void stop() {
        if (mcp != null) {
            mcp.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void listsTheSeedsThirteenToolsAndDobbysOwnWithPreciseSchemas() {
        Map<String, Tool> tools = mcp.client().listTools().tools().stream()
                .collect(Collectors.toMap(Tool::name, Function.identity()));

        assertThat(tools.keySet()).containsExactlyInAnyOrder("dobby_add_task", "dobby_batch_add",
                "dobby_plan_task", "dobby_status", "dobby_get_task", "dobby_results", "dobby_list_results",
                "dobby_cancel", "dobby_retry", "dobby_detail_status", "dobby_stats", "dobby_projects",
                "dobby_register", "dobby_resume", "dobby_usage", "dobby_pause", "dobby_unpause", "dobby_gpus",
                "dobby_track_job", "dobby_remote_session");
        tools.values().forEach(tool -> {
            assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(60);
            assertThat(tool.inputSchema()).as(tool.name()).containsEntry("type", "object")
                    .containsEntry("additionalProperties", false);
        });

        Map<String, Object> add = tools.get("dobby_add_task").inputSchema();
        assertThat(add.get("required")).isEqualTo(List.of("description", "project"));
        Map<String, Map<String, Object>> addProperties = properties(add);
        assertThat(addProperties.get("priority").get("enum")).isEqualTo(List.of("urgent", "high", "normal", "low"));
        assertThat(addProperties.get("backend").get("enum")).isEqualTo(List.of("claude", "codex", "shell"));
        assertThat(addProperties.get("timeout")).containsEntry("type", "integer");
        addProperties.values().forEach(p -> assertThat(p).containsKey("description"));

        assertThat(properties(tools.get("dobby_plan_task").inputSchema())).containsKeys("description", "project",
                "priority", "backend", "agent_plan");
        Map<String, Map<String, Object>> batch = properties(tools.get("dobby_batch_add").inputSchema());
        assertThat(batch.get("tasks")).containsEntry("type", "array").containsEntry("minItems", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) batch.get("tasks").get("items");
        assertThat(entry.get("required")).isEqualTo(List.of("description", "project"));
        assertThat(properties(entry)).containsKeys("ref", "after", "priority", "backend");

        for (String byId : List.of("dobby_get_task", "dobby_results", "dobby_cancel", "dobby_retry",
                "dobby_detail_status")) {
            assertThat(tools.get(byId).inputSchema().get("required")).as(byId).isEqualTo(List.of("task_id"));
            assertThat(properties(tools.get(byId).inputSchema()).get("task_id")).as(byId)
                    .containsEntry("type", "integer").containsEntry("minimum", 1);
        }
        assertThat(properties(tools.get("dobby_retry").inputSchema()).get("cascade"))
                .containsEntry("type", "boolean");
        assertThat(tools.get("dobby_register").inputSchema().get("required")).isEqualTo(List.of("name", "path"));
        assertThat(properties(tools.get("dobby_register").inputSchema())).containsKey("context");
        assertThat(properties(tools.get("dobby_status").inputSchema())).containsKeys("project", "status", "limit");

        assertThat(tools.get("dobby_status").annotations().readOnlyHint()).isTrue();
        assertThat(tools.get("dobby_cancel").annotations().destructiveHint()).isTrue();
        assertThat(tools.get("dobby_add_task").annotations().readOnlyHint()).isFalse();
    }

    @Test
    void addTaskQueuesItAndResultsReportWhatItPrinted() {
        CallToolResult added = mcp.call("dobby_add_task", Map.of("description", "echo hello-from-mcp",
                "project", "demo", "backend", "shell", "priority", "high"));

        assertThat(added.isError()).isFalse();
        Map<String, Object> task = structured(added);
        long id = number(task, "id");
        assertThat(task).containsEntry("project", "demo").containsEntry("backend", "shell")
                .containsEntry("priority", "high");
        assertThat(text(added)).startsWith("Queued task #" + id + ".").contains("echo hello-from-mcp");

        assertThat(hub.awaitEnd(id, END).status()).isEqualTo(TaskStatus.COMPLETED);
        CallToolResult result = mcp.call("dobby_results", Map.of("task_id", id));
        assertThat(result.isError()).isFalse();
        assertThat(text(result)).contains("Result of task #" + id, "completed", "exit code 0", "hello-from-mcp");
        assertThat(number(structured(result), "task_id")).isEqualTo(id);
        assertThat(structured(result)).containsEntry("status", "completed").containsEntry("exit_code", 0);

        CallToolResult detail = mcp.call("dobby_detail_status", Map.of("task_id", id));
        assertThat(detail.isError()).isFalse();
        assertThat(text(detail)).startsWith("Task #" + id + ": completed");
        assertThat(structured(detail)).containsEntry("status", "completed");
        assertThat(((Number) structured(detail).get("output_lines")).longValue()).isPositive();
    }

    @Test
    void getTaskShowsTheTaskInFull() {
        Task task = hub.shell("demo", "echo shown-in-full");

        CallToolResult shown = mcp.call("dobby_get_task", Map.of("task_id", task.id()));

        assertThat(shown.isError()).isFalse();
        assertThat(text(shown)).startsWith("Task #" + task.id() + ":").contains("Project: demo",
                "Backend: shell", "Description: echo shown-in-full");
        assertThat(number(structured(shown), "id")).isEqualTo(task.id());
        assertThat(structured(shown)).containsEntry("description", "echo shown-in-full");
        assertThat((String) structured(shown).get("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void planTaskCreatesADraftThatWaitsForApproval() {
        CallToolResult planned = mcp.call("dobby_plan_task", Map.of("description", "echo planned",
                "project", "demo", "backend", "shell"));

        assertThat(planned.isError()).isFalse();
        long id = number(structured(planned), "id");
        assertThat(structured(planned)).containsEntry("status", "draft");
        assertThat(text(planned)).startsWith("Created draft task #" + id).contains("approve");
        assertThat(hub.api().getTask(id).status()).isEqualTo(TaskStatus.DRAFT);
    }

    @Test
    void batchAddQueuesTasksThatWaitForEachOther() {
        CallToolResult batch = mcp.call("dobby_batch_add", Map.of("name", "two steps", "tasks", List.of(
                Map.of("ref", "first", "description", "echo step-one", "project", "demo", "backend", "shell"),
                Map.of("ref", "second", "description", "echo step-two", "project", "demo", "backend", "shell",
                        "after", List.of("first")))));

        assertThat(batch.isError()).as(text(batch)).isFalse();
        assertThat(structured(batch)).containsEntry("name", "two steps").containsEntry("total", 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) structured(batch).get("tasks");
        Map<String, Object> first = tasks.stream().filter(t -> "echo step-one".equals(t.get("description")))
                .findFirst().orElseThrow();
        Map<String, Object> second = tasks.stream().filter(t -> "echo step-two".equals(t.get("description")))
                .findFirst().orElseThrow();
        assertThat(second.get("depends_on")).isEqualTo(List.of(first.get("id")));
        assertThat(text(batch)).startsWith("Queued 2 tasks as batch #" + structured(batch).get("id"))
                .contains("echo step-one", "echo step-two");

        long secondId = number(second, "id");
        assertThat(hub.awaitEnd(secondId, END).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void statusListsTasksFilteredByProjectAndStatus() {
        hub.project("listed");
        Task done = hub.shell("listed", "echo listed-one");
        hub.awaitEnd(done.id(), END);
        Task draft = hub.api().createTask(dev.dobby.protocol.NewTask.of("echo listed-draft", "listed")
                .withBackend(dev.dobby.protocol.Backend.SHELL).withDraft(true));

        CallToolResult all = mcp.call("dobby_status", Map.of("project", "listed"));
        assertThat(all.isError()).isFalse();
        assertThat(text(all)).contains("#" + done.id() + " [completed] listed", "#" + draft.id() + " [draft] listed");
        assertThat(structured(all)).containsEntry("total", 2);

        CallToolResult drafts = mcp.call("dobby_status", Map.of("project", "listed", "status", List.of("draft")));
        assertThat(text(drafts)).contains("#" + draft.id()).doesNotContain("#" + done.id() + " ");
        assertThat(structured(drafts)).containsEntry("total", 1);

        CallToolResult none = mcp.call("dobby_status", Map.of("project", "listed", "status", List.of("running")));
        assertThat(text(none)).isEqualTo("No tasks in project listed with status running.");
    }

    @Test
    void cancelStopsATaskAndRefusesAnEndedOne() {
        Task draft = hub.api().createTask(dev.dobby.protocol.NewTask.of("echo never", "demo")
                .withBackend(dev.dobby.protocol.Backend.SHELL).withDraft(true));

        CallToolResult cancelled = mcp.call("dobby_cancel", Map.of("task_id", draft.id()));
        assertThat(cancelled.isError()).isFalse();
        assertThat(text(cancelled)).startsWith("Cancelled task #" + draft.id());
        assertThat(structured(cancelled)).containsEntry("status", "cancelled");

        CallToolResult again = mcp.call("dobby_cancel", Map.of("task_id", draft.id()));
        assertThat(again.isError()).isTrue();
        assertThat(text(again)).contains("task " + draft.id() + " already ended as cancelled", "dobby_get_task");
    }

    @Test
    void retryWithCascadeReopensTheChainBehindAFailedTask() {
        hub.project("flaky");
        // Fails on its first run only: the retry is what makes it pass.
        Task flaky = hub.shell("flaky", "test -e ran-once || { touch ran-once; exit 3; }");
        Task child = hub.api().createTask(dev.dobby.protocol.NewTask.of("echo child-ran", "flaky")
                .withBackend(dev.dobby.protocol.Backend.SHELL).withDependsOn(List.of(flaky.id())));
        assertThat(hub.awaitEnd(flaky.id(), END).status()).isEqualTo(TaskStatus.FAILED);
        hub.api().cancelTask(child.id());

        CallToolResult retried = mcp.call("dobby_retry", Map.of("task_id", flaky.id(), "cascade", true));

        assertThat(retried.isError()).as(text(retried)).isFalse();
        assertThat(text(retried)).startsWith("Queued task #" + flaky.id() + " again, with the tasks waiting for it");
        assertThat(number(structured(retried), "id")).isEqualTo(flaky.id());
        assertThat(hub.awaitEnd(flaky.id(), END).attempts()).isEqualTo(2);
        assertThat(hub.awaitEnd(child.id(), END).status()).isEqualTo(TaskStatus.COMPLETED);

        CallToolResult completed = mcp.call("dobby_retry", Map.of("task_id", flaky.id()));
        assertThat(completed.isError()).isTrue();
        assertThat(text(completed)).contains("only failed, cancelled, timed_out or stale tasks can be retried");
    }

    @Test
    void listResultsAndStatsSummariseTheHistory() {
        hub.project("history");
        Task one = hub.shell("history", "echo first-result");
        hub.awaitEnd(one.id(), END);
        Task two = hub.shell("history", "echo second-result");
        hub.awaitEnd(two.id(), END);

        CallToolResult results = mcp.call("dobby_list_results", Map.of("project", "history"));
        assertThat(results.isError()).isFalse();
        assertThat(text(results)).startsWith("Results 1-2 of 2, newest first:")
                .contains("#" + one.id() + " [completed]", "#" + two.id() + " [completed]", "second-result");
        assertThat(structured(results)).containsEntry("total", 2);

        CallToolResult usage = mcp.call("dobby_usage", Map.of());
        assertThat(usage.isError()).isFalse();
        assertThat(text(usage)).isEqualTo("No agent has reported usage yet.");
        assertThat(structured(usage)).containsEntry("accounts", List.of());

        CallToolResult resume = mcp.call("dobby_resume", Map.of("task_id", two.id()));
        assertThat(resume.isError()).isTrue();
        assertThat(text(resume)).contains("is completed; only failed, cancelled, timed_out or stale tasks can be resumed");

        CallToolResult stats = mcp.call("dobby_stats", Map.of());
        assertThat(stats.isError()).isFalse();
        assertThat(text(stats)).startsWith("Tasks: ").contains("history: 2 completed");
        assertThat(((Number) structured(stats).get("tasks")).longValue()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void registerAddsAProjectThatProjectsThenLists() throws Exception {
        Path dir = Files.createDirectories(home.resolve("registered-here"));

        CallToolResult registered = mcp.call("dobby_register", Map.of("name", "fresh", "path", dir.toString(),
                "context", "A test project."));
        assertThat(registered.isError()).as(text(registered)).isFalse();
        assertThat(text(registered)).startsWith("Registered project fresh — " + dir.toRealPath());
        assertThat(structured(registered)).containsEntry("name", "fresh").containsEntry("context", "A test project.");

        CallToolResult projects = mcp.call("dobby_projects", Map.of());
        assertThat(projects.isError()).isFalse();
        assertThat(text(projects)).contains("fresh — " + dir.toRealPath(), "demo — ");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) structured(projects).get("projects");
        assertThat(listed).extracting(p -> p.get("name")).contains("fresh", "demo");

        CallToolResult relative = mcp.call("dobby_register", Map.of("name", "relative", "path", "some/dir"));
        assertThat(relative.isError()).isTrue();
        assertThat(text(relative)).contains("path must be absolute");
        CallToolResult twice = mcp.call("dobby_register", Map.of("name", "fresh", "path", dir.toString()));
        assertThat(twice.isError()).isTrue();
        assertThat(text(twice)).contains("project 'fresh' is already registered");
    }

    private static long number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> properties(Map<String, Object> schema) {
        return (Map<String, Map<String, Object>>) schema.get("properties");
    }
}
