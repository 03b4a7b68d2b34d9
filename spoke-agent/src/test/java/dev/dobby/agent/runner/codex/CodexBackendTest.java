package dev.dobby.agent.runner.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dobby.agent.runner.AgentRunner;
import dev.dobby.agent.runner.OutputParser;
import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.runner.RunResult;
import dev.dobby.agent.runner.RunningAgent;
import dev.dobby.agent.testing.Assignments;
import dev.dobby.agent.testing.FakeAgent;
import dev.dobby.agent.testing.RecordingListener;
import dev.dobby.agent.testing.Runners;
import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.AgentProgress;
import dev.dobby.protocol.work.Assignment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Codex runs through the real runner, with a fake {@code codex} replaying transcripts. */
class CodexBackendTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path temp;
    Path project;

    @BeforeEach
    void createProject() throws IOException {
        project = Files.createDirectories(temp.resolve("project"));
    }

    private record Run(RunResult result, Map<Integer, FlowStep> steps, AgentProgress progress) {
        List<FlowStep> stepList() {
            return List.copyOf(steps.values());
        }
    }

    private Run run(FakeAgent fake, Assignment assignment, PriceTable prices) {
        AgentRunner runner = Runners.runner(temp,
                new CodexBackend(Runners.env(CodexBackend.BIN_VARIABLE, fake.program()), prices));
        RecordingListener listener = new RecordingListener();
        RunningAgent agent = runner.start(assignment, listener);
        RunResult result = listener.await(LIMIT);
        OutputParser.Updates updates = agent.drainUpdates();
        Map<Integer, FlowStep> steps = new LinkedHashMap<>();
        updates.steps().forEach(s -> steps.put(s.index(), s));
        return new Run(result, steps, updates.progress());
    }

    private Assignment task(String description, AgentOptions options) {
        return Assignments.of(Backend.CODEX, 5, 1, description, project, false, null, options);
    }

    @Test
    void capturedSessionWithAFileChangeAndACommand() {
        FakeAgent fake = FakeAgent.replaying(temp, "codex", "codex-exec-sample-0.169.0.jsonl", 0);

        Run run = run(fake, task("Create hello.txt", AgentOptions.NONE), PriceTable.EMPTY);

        assertThat(run.result().status()).isEqualTo(TaskStatus.COMPLETED);
        var parsed = run.result().parsed();
        assertThat(parsed.summary()).isEqualTo("Done: hello.txt contains \"Hello, world!\".");
        assertThat(parsed.sessionId()).isEqualTo("01a20af7-fffb-7d40-86dc-75c1359f4742");
        assertThat(parsed.tokensIn()).isEqualTo(3000);
        assertThat(parsed.tokensOut()).isEqualTo(150);
        assertThat(parsed.costUsd()).as("no price table, no cost").isNull();
        assertThat(parsed.turns()).isEqualTo(1);
        assertThat(parsed.filesChanged()).containsExactly("/home/dev/repo/hello.txt");
        assertThat(parsed.incomplete()).isFalse();

        assertThat(run.stepList()).extracting(FlowStep::kind).containsExactly(FlowStep.Kind.SESSION,
                FlowStep.Kind.THINKING, FlowStep.Kind.MESSAGE, FlowStep.Kind.FILE_EDIT, FlowStep.Kind.COMMAND,
                FlowStep.Kind.MESSAGE, FlowStep.Kind.RESULT);
        FlowStep edit = run.stepList().get(3);
        assertThat(edit.title()).isEqualTo("Edit /home/dev/repo/hello.txt");
        assertThat(edit.detail()).isEqualTo("add /home/dev/repo/hello.txt");
        assertThat(edit.durationMs()).isNotNull();
        FlowStep command = run.stepList().get(4);
        assertThat(command.title()).isEqualTo("$ cat hello.txt");
        assertThat(command.detail()).contains("exit 0").contains("Hello, world!");
        assertThat(command.error()).isFalse();
        assertThat(command.durationMs()).isNotNull().isGreaterThanOrEqualTo(0);

        assertThat(run.progress().tools()).containsOnly(Map.entry("apply_patch", 1), Map.entry("shell", 1));
        assertThat(run.progress().filesEdited()).containsExactly("/home/dev/repo/hello.txt");
        assertThat(run.progress().tokensIn()).isEqualTo(3000);
        assertThat(run.progress().currentStep()).isEqualTo("finished");

        assertThat(fake.argv()).containsExactly("exec", "--json", "--skip-git-repo-check",
                "--cd=" + project, "--", "Create hello.txt");
    }

    @Test
    void costComesFromThePriceTableWhenTheModelIsPriced() {
        FakeAgent fake = FakeAgent.replaying(temp, "codex", "codex-exec-sample-0.169.0.jsonl", 0);
        PriceTable prices = PriceTable.fromConfig(Map.of("gpt-test", Map.of("input", 1.0, "cached_input", 0.1,
                "output", 10.0)));
        AgentOptions model = new AgentOptions("gpt-test", null, null, null, null, null, null, null, null, null, null);

        Run run = run(fake, task("Create hello.txt", model), prices);

        // 2400 uncached input, 600 cached, 150 output (reasoning tokens are part of output).
        assertThat(run.result().parsed().costUsd()).isCloseTo((2400 * 1.0 + 600 * 0.1 + 150 * 10.0) / 1e6,
                within(1e-12));
        assertThat(run.progress().costUsd()).isEqualTo(run.result().parsed().costUsd());
        assertThat(run.progress().model()).isEqualTo("gpt-test");
    }

    @Test
    void anUnpricedModelHasNoCost() {
        FakeAgent fake = FakeAgent.replaying(temp, "codex", "codex-exec-sample-0.169.0.jsonl", 0);
        PriceTable prices = PriceTable.fromConfig(Map.of("gpt-test", Map.of("input", 1.0, "output", 10.0)));
        AgentOptions model = new AgentOptions("gpt-other", null, null, null, null, null, null, null, null, null, null);

        Run run = run(fake, task("Create hello.txt", model), prices);

        assertThat(run.result().parsed().costUsd()).isNull();
    }

    @Test
    void reconnectsAreRetriesAndTheTurnFailureIsTheReason() {
        FakeAgent fake = FakeAgent.replaying(temp, "codex", "codex-exec-sample-error-0.169.0.jsonl", 1);

        Run run = run(fake, task("Create hello.txt", AgentOptions.NONE), PriceTable.EMPTY);

        assertThat(run.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(run.result().reason())
                .isEqualTo("We’re currently experiencing high demand, which may cause temporary errors.");
        assertThat(run.result().parsed().incomplete()).isFalse();
        assertThat(run.result().parsed().rateLimited()).isFalse();
        assertThat(run.result().parsed().sessionId()).isEqualTo("01a20af8-08d3-7402-a44b-e8e1ca2f2f6a");
        // Six error lines are one retry step, then the failed result.
        assertThat(run.stepList()).extracting(FlowStep::kind).containsExactly(FlowStep.Kind.SESSION,
                FlowStep.Kind.ERROR, FlowStep.Kind.RESULT);
        assertThat(run.stepList().get(1).detail()).contains("Reconnecting... 1/5").contains("Reconnecting... 5/5");
        assertThat(run.stepList().get(1).error()).isFalse();
        assertThat(run.stepList().get(2).error()).isTrue();
    }

    @Test
    void usageIsTheLatestRunningTotalNotASum() {
        FakeAgent fake = FakeAgent.replaying(temp, "codex", "codex-two-turns-handwritten.jsonl", 0);

        Run run = run(fake, task("Fix add()", AgentOptions.NONE), PriceTable.EMPTY);

        assertThat(run.result().status()).isEqualTo(TaskStatus.COMPLETED);
        var parsed = run.result().parsed();
        assertThat(parsed.tokensIn()).isEqualTo(5200);
        assertThat(parsed.tokensOut()).isEqualTo(340);
        assertThat(parsed.turns()).isEqualTo(2);
        assertThat(parsed.summary()).isEqualTo("Fixed add() and removed the old helper.");
        assertThat(parsed.filesChanged()).containsExactly("/home/dev/repo/src/app.py",
                "/home/dev/repo/src/old_helper.py");

        List<FlowStep> steps = run.stepList();
        FlowStep make = steps.stream().filter(s -> s.kind() == FlowStep.Kind.COMMAND).findFirst().orElseThrow();
        assertThat(make.title()).isEqualTo("$ make test");
        assertThat(make.error()).isTrue();
        assertThat(make.detail()).contains("exit 2").contains("test_add FAILED");
        FlowStep mcp = steps.stream().filter(s -> "github.get_issue".equals(s.tool())).findFirst().orElseThrow();
        assertThat(mcp.kind()).isEqualTo(FlowStep.Kind.TOOL_CALL);
        assertThat(mcp.detail()).contains("add() subtracts");
        assertThat(steps).anyMatch(s -> s.title().equals("Web search: python operator precedence"));
        assertThat(steps).anyMatch(s -> s.title().equals("Edit 2 files"));
        FlowStep todo = steps.stream().filter(s -> s.title().equals("To-do list")).findFirst().orElseThrow();
        assertThat(todo.detail()).isEqualTo("[x] fix add()\n[x] remove old helper");
        assertThat(steps.stream().filter(s -> s.kind() == FlowStep.Kind.RESULT)).hasSize(2);
        assertThat(run.progress().tools()).containsOnly(Map.entry("shell", 1), Map.entry("github.get_issue", 1),
                Map.entry("web_search", 1), Map.entry("apply_patch", 1));
    }

    @Test
    void aTruncatedStreamIsIncomplete() {
        FakeAgent fake = FakeAgent.printing(temp, "codex", """
                {"type":"thread.started","thread_id":"t-9"}
                {"type":"turn.started"}
                {"type":"item.started","item":{"id":"item_0","type":"command_execution","command":"sleep 100","aggregated_output":"","exit_code":null,"status":"in_progress"}}
                """, 137);

        Run run = run(fake, task("Wait", AgentOptions.NONE), PriceTable.EMPTY);

        assertThat(run.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(run.result().parsed().incomplete()).isTrue();
        assertThat(run.result().parsed().sessionId()).isEqualTo("t-9");
        assertThat(run.result().reason()).startsWith("the agent's output ended before its turn completed (exit code 137)");
        assertThat(run.progress().currentStep()).isEqualTo("$ sleep 100");
    }

    @Test
    void optionsGoBeforeTheSubcommandAndTheSessionAfterTheSeparator() {
        FakeAgent fake = FakeAgent.replaying(temp, "codex", "codex-exec-sample-0.169.0.jsonl", 0);
        AgentOptions options = new AgentOptions("gpt-5.5", null, false, null, null, null, "Use tabs.", null,
                "01a20af7-fffb-7d40-86dc-75c1359f4742", "workspace-write", null);

        run(fake, Assignments.of(Backend.CODEX, 5, 2, "Continue", project, false, "Say \"hi\"\nfirst.", options),
                PriceTable.EMPTY);

        assertThat(fake.argv()).containsExactly("exec", "--json", "--skip-git-repo-check", "--cd=" + project,
                "--model=gpt-5.5", "--sandbox=workspace-write",
                "--config=developer_instructions=\"Say \\\"hi\\\"\\nfirst.\\n\\nUse tabs.\"",
                "resume", "--", "01a20af7-fffb-7d40-86dc-75c1359f4742", "Continue");
    }

    @Test
    void bypassingApprovalsReplacesTheSandboxOption() {
        FakeAgent fake = FakeAgent.replaying(temp, "codex", "codex-exec-sample-0.169.0.jsonl", 0);
        AgentOptions options = new AgentOptions(null, null, true, null, null, null, null, null, null,
                "read-only", null);

        run(fake, task("Go", options), PriceTable.EMPTY);

        assertThat(fake.argv()).containsExactly("exec", "--json", "--skip-git-repo-check", "--cd=" + project,
                "--dangerously-bypass-approvals-and-sandbox", "--", "Go");
    }

    @Test
    void tomlStringsEscapeWhatTomlRequires() {
        assertThat(CodexBackend.tomlString("a\\b\"c\td\u0001")).isEqualTo("\"a\\\\b\\\"c\\td\\u0001\"");
    }
}
