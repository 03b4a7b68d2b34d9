package dev.dobby.hub.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.DetailStatus;
import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPatch;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code tasks through the whole hub: a fake `claude` replays a transcript captured from the real CLI, and
 * what users see through the API (result, detail-status, flow, usage) comes from parsing it.
 */
class AgentTaskTest {
    @TempDir
    Path home;

    /** A fake claude that records its argv (one argument per line, in argv-TASK) and prints a transcript. */
    private Path fakeClaude(String fixture) throws IOException {
        Path transcript = home.resolve(fixture);
        try (InputStream in = getClass().getResourceAsStream("/agents/" + fixture)) {
            Files.copy(in, transcript, StandardCopyOption.REPLACE_EXISTING);
        }
        Path script = home.resolve("claude-" + fixture + ".sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "for a in \"$@\"; do printf '%s\\n---\\n' \"$a\"; done > '" + home + "'/argv-$DOBBY_TASK_ID\n"
                + "cat '" + transcript + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private TestHub hub(Path claude) {
        WorkerSettings worker = new WorkerSettings(System.getenv(), claude.toString(), "/nonexistent/codex",
                PriceTable.EMPTY, Duration.ofDays(1));
        return TestHub.start(home, c -> c, b -> b.worker(worker));
    }

    private String argv(long taskId) throws IOException {
        return Files.readString(home.resolve("argv-" + taskId));
    }

    @Test
    void aClaudeSessionBecomesAResultAFlowAndLiveDetail() throws Exception {
        try (TestHub hub = hub(fakeClaude("claude-stream-sample-2.1.330.jsonl"))) {
            hub.project("app");
            Task task = hub.api().createTask(NewTask.of("create hello.txt", "app").withBackend(Backend.CLAUDE)
                    .withAgent(new AgentOptions("sonnet", null, null, null, null, 5, null, null, null, null, null)));
            Task done = hub.awaitEnd(task.id(), Duration.ofSeconds(30));
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);

            TaskResult result = hub.api().result(task.id());
            assertThat(result.summary()).isEqualTo("Done: hello.txt now contains \"Hello, world!\".");
            assertThat(result.costUsd()).isEqualTo(0.00196);
            assertThat(result.turns()).isEqualTo(2);
            assertThat(result.tokensOut()).isEqualTo(50);
            assertThat(result.sessionId()).isEqualTo("be8cc6e4-19b7-4c97-bbe1-0af19612662b");

            List<FlowStep> steps = hub.api().flow(task.id()).steps();
            assertThat(steps).extracting(FlowStep::kind).contains(FlowStep.Kind.SESSION, FlowStep.Kind.FILE_EDIT,
                    FlowStep.Kind.RESULT);
            assertThat(steps).filteredOn(s -> s.kind() == FlowStep.Kind.FILE_EDIT).first()
                    .satisfies(s -> assertThat(s.file()).endsWith("hello.txt"));

            DetailStatus detail = hub.api().detailStatus(task.id());
            assertThat(detail.tools()).containsEntry("Write", 1);
            assertThat(detail.filesEdited()).anyMatch(f -> f.endsWith("hello.txt"));
            assertThat(detail.costUsd()).isEqualTo(0.00196);

            String args = argv(task.id());
            assertThat(args).startsWith("-p\n---\n").contains("--output-format").contains("--model=sonnet")
                    .contains("--max-turns=5").endsWith("--\n---\ncreate hello.txt\n---\n");
        }
    }

    @Test
    void rateLimitReportsReachTheUsageBars() throws Exception {
        try (TestHub hub = hub(fakeClaude("claude-stream-sample-oauth-ratelimit-2.1.330.jsonl"))) {
            hub.project("app");
            Task task = hub.api().createTask(NewTask.of("hi", "app").withBackend(Backend.CLAUDE));
            hub.awaitEnd(task.id(), Duration.ofSeconds(30));
            assertThat(hub.api().usage()).isNotEmpty().allSatisfy(u -> {
                assertThat(u.backend()).isEqualTo(Backend.CLAUDE);
                assertThat(u.window()).isNotBlank();
            });
        }
    }

    @Test
    void aDraftWithAnAgentPlanGetsThePlanAndRunsWithItOnceApproved() throws Exception {
        try (TestHub hub = hub(fakeClaude("claude-stream-sample-2.1.330.jsonl"))) {
            hub.project("app");
            Task draft = hub.api().createTask(NewTask.of("add a greeting file", "app").withBackend(Backend.CLAUDE)
                    .withDraft(true).withAgent(new AgentOptions(null, null, null, null, null, null, null, null, null,
                            null, true)));
            assertThat(draft.status()).isEqualTo(TaskStatus.DRAFT);
            Task planned = Await.until(() -> hub.api().getTask(draft.id()), t -> t.plan() != null,
                    Duration.ofSeconds(30), "the plan");
            assertThat(planned.plan()).isEqualTo("Done: hello.txt now contains \"Hello, world!\".");
            assertThat(planned.status()).isEqualTo(TaskStatus.DRAFT);
            assertThat(planned.statusReason()).isEqualTo("draft: review the plan, then approve it");

            Task planRun = hub.api().listTasks(TaskQuery.all()).tasks().stream()
                    .filter(t -> draft.id() == (t.planFor() == null ? -1 : t.planFor())).findFirst().orElseThrow();
            assertThat(argv(planRun.id())).contains("--permission-mode=plan").contains("add a greeting file");

            hub.api().updateTask(draft.id(), TaskPatch.approve());
            hub.awaitStatus(draft.id(), TaskStatus.COMPLETED, Duration.ofSeconds(30));
            assertThat(argv(draft.id())).contains("A person reviewed and approved this plan")
                    .doesNotContain("--permission-mode=plan");
        }
    }

    @Test
    void aMissingAgentProgramIsAClearFailureNotAHang() throws Exception {
        WorkerSettings worker = new WorkerSettings(Map.of("PATH", "/nonexistent"), null, null, PriceTable.EMPTY, null);
        try (TestHub hub = TestHub.start(home, c -> c, b -> b.worker(worker))) {
            hub.project("app");
            Task task = hub.api().createTask(NewTask.of("hi", "app").withBackend(Backend.CLAUDE));
            assertThat(hub.api().spokes().getFirst().capabilities().backends()).containsExactly(Backend.SHELL);
            Await.until(() -> hub.api().detailStatus(task.id()).waitingReason(),
                    r -> "no online worker can run claude tasks".equals(r), Duration.ofSeconds(10), "the reason");
        }
    }

    @Test
    void aWorktreeTaskRecordsItsBranch() throws Exception {
        Path repo = Files.createDirectories(home.resolve("repo"));
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("README"), "hi\n");
        git(repo, "add", ".");
        git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "init");
        try (TestHub hub = hub(fakeClaude("claude-stream-sample-2.1.330.jsonl"))) {
            hub.api().registerProject(NewProject.of("repo", repo.toString()));
            Task task = hub.api().createTask(NewTask.of("echo changed > README", "repo").withBackend(Backend.SHELL)
                    .withWorktree(true));
            hub.awaitStatus(task.id(), TaskStatus.COMPLETED, Duration.ofSeconds(30));
            TaskResult result = hub.api().result(task.id());
            assertThat(result.branch()).isEqualTo("dobby/" + task.id());
            assertThat(result.baseCommit()).isNotBlank();
            assertThat(result.diffStat()).contains("README");
            assertThat(Files.readString(repo.resolve("README"))).as("the checkout itself is untouched").isEqualTo("hi\n");
        }
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
