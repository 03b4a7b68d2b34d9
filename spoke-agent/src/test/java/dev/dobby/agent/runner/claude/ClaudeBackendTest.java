package dev.dobby.agent.runner.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.AgentRunner;
import dev.dobby.agent.runner.OutputParser;
import dev.dobby.agent.runner.ParsedResult;
import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.runner.RunResult;
import dev.dobby.agent.runner.RunningAgent;
import dev.dobby.agent.testing.Assignments;
import dev.dobby.agent.testing.Eventually;
import dev.dobby.agent.testing.FakeAgent;
import dev.dobby.agent.testing.RecordingListener;
import dev.dobby.agent.testing.Runners;
import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.UsageWindow;
import dev.dobby.protocol.work.AgentProgress;
import dev.dobby.protocol.work.Assignment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Claude Code runs through the real runner: a fake {@code claude} replays captured and hand-written transcripts
 * and the test checks what a user would see — the result, the flow steps and the live progress.
 */
class ClaudeBackendTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    /** The environment passes through to agents, so what this machine has set is what they see. */
    private static final String INHERITED_IS_SANDBOX = System.getenv().getOrDefault("IS_SANDBOX", "unset");

    @TempDir
    Path temp;
    Path project;

    @BeforeEach
    void createProject() throws IOException {
        project = Files.createDirectories(temp.resolve("project"));
    }

    /** Everything a worker would have shipped to the hub: the drained steps (latest per index) and progress. */
    private static final class Shipped {
        final Map<Integer, FlowStep> steps = new LinkedHashMap<>();
        final List<UsageWindow> usage = new ArrayList<>();
        AgentProgress progress;

        void take(OutputParser.Updates updates) {
            updates.steps().forEach(s -> steps.put(s.index(), s));
            usage.addAll(updates.usage());
            if (updates.progress() != null) {
                progress = updates.progress();
            }
        }

        List<FlowStep.Kind> kinds() {
            return steps.values().stream().map(FlowStep::kind).toList();
        }

        FlowStep first(FlowStep.Kind kind) {
            return steps.values().stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
        }
    }

    private record Run(RunResult result, Shipped shipped, RecordingListener listener) {
        ParsedResult parsed() {
            return result.parsed();
        }
    }

    private Run run(FakeAgent fake, Assignment assignment) {
        AgentRunner runner = Runners.runner(temp, backend(fake));
        RecordingListener listener = new RecordingListener();
        Shipped shipped = new Shipped();
        RunningAgent agent = runner.start(assignment, listener);
        RunResult result = listener.await(LIMIT);
        shipped.take(agent.drainUpdates());
        return new Run(result, shipped, listener);
    }

    private ClaudeBackend backend(FakeAgent fake) {
        return new ClaudeBackend(Runners.env(ClaudeBackend.BIN_VARIABLE, fake.program()), PriceTable.EMPTY, false);
    }

    private Assignment task(String description) {
        return Assignments.of(Backend.CLAUDE, 42, description, project);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.1.197", "2.1.330"})
    void capturedSessionWithAWriteSucceeds(String version) throws IOException {
        FakeAgent fake = FakeAgent.replaying(temp, "claude", "claude-stream-sample-" + version + ".jsonl", 0);

        Run run = run(fake, task("Create hello.txt"));

        assertThat(run.result().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(run.result().exitCode()).isZero();
        ParsedResult parsed = run.parsed();
        assertThat(parsed.summary()).isEqualTo("Done: hello.txt now contains \"Hello, world!\".");
        assertThat(parsed.tokensIn()).isEqualTo(240);
        assertThat(parsed.tokensOut()).isEqualTo(50);
        assertThat(parsed.costUsd()).isEqualTo(version.equals("2.1.197") ? 0.00245 : 0.00196);
        assertThat(parsed.turns()).isEqualTo(2);
        assertThat(parsed.sessionId()).isNotBlank();
        assertThat(parsed.filesChanged()).containsExactly("/home/dev/repo/hello.txt");
        assertThat(parsed.incomplete()).isFalse();
        assertThat(parsed.rateLimited()).isFalse();

        assertThat(run.shipped().kinds()).containsExactly(FlowStep.Kind.SESSION, FlowStep.Kind.MESSAGE,
                FlowStep.Kind.FILE_EDIT, FlowStep.Kind.MESSAGE, FlowStep.Kind.RESULT);
        FlowStep write = run.shipped().first(FlowStep.Kind.FILE_EDIT);
        assertThat(write.title()).isEqualTo("Write /home/dev/repo/hello.txt");
        assertThat(write.tool()).isEqualTo("Write");
        assertThat(write.taskId()).isEqualTo(42);
        assertThat(write.durationMs()).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(write.error()).isFalse();
        assertThat(write.detail()).contains("File created successfully");
        FlowStep result = run.shipped().first(FlowStep.Kind.RESULT);
        assertThat(result.durationMs()).isEqualTo(version.equals("2.1.197") ? 292 : 343);
        assertThat(result.tokensIn()).isEqualTo(240);

        AgentProgress progress = run.shipped().progress;
        assertThat(progress.tools()).containsExactly(Map.entry("Write", 1));
        assertThat(progress.filesEdited()).containsExactly("/home/dev/repo/hello.txt");
        assertThat(progress.tokensIn()).isEqualTo(240);
        assertThat(progress.costUsd()).isEqualTo(parsed.costUsd());
        assertThat(progress.sessionId()).isEqualTo(parsed.sessionId());
        assertThat(progress.model()).startsWith("claude-opus");
        assertThat(progress.currentStep()).isEqualTo("finished");

        // Every line the agent printed is in the log.
        assertThat(run.listener().texts()).hasSize(6);
        assertThat(fake.argv()).containsExactly("-p", "--output-format", "stream-json", "--verbose", "--",
                "Create hello.txt");
        assertThat(fake.cwd()).isEqualTo(project.toRealPath());
        assertThat(fake.taskIdVariable()).isEqualTo("42");
    }

    @Test
    void longSessionShowsEachKindOfStepAndSurvivesUnknownAndMalformedLines() {
        FakeAgent fake = FakeAgent.replaying(temp, "claude", "claude-tools-session-handwritten.jsonl", 0);

        Run run = run(fake, task("Fix add()"));

        assertThat(run.result().status()).isEqualTo(TaskStatus.COMPLETED);
        ParsedResult parsed = run.parsed();
        assertThat(parsed.tokensIn()).isEqualTo(6300 + 1500 + 14000);
        assertThat(parsed.tokensOut()).isEqualTo(820);
        assertThat(parsed.costUsd()).isEqualTo(0.0873);
        assertThat(parsed.turns()).isEqualTo(7);
        assertThat(parsed.filesChanged()).containsExactly("/home/dev/repo/src/app.py");
        assertThat(parsed.permissionDenials()).containsExactly("Write /home/dev/repo/notes/secrets.txt");

        List<FlowStep> steps = List.copyOf(run.shipped().steps.values());
        assertThat(steps).extracting(FlowStep::kind).containsExactly(FlowStep.Kind.SESSION, FlowStep.Kind.THINKING,
                FlowStep.Kind.MESSAGE, FlowStep.Kind.FILE_READ, FlowStep.Kind.TOOL_CALL, FlowStep.Kind.FILE_EDIT,
                FlowStep.Kind.COMMAND, FlowStep.Kind.TOOL_CALL, FlowStep.Kind.FILE_EDIT, FlowStep.Kind.MESSAGE,
                FlowStep.Kind.RESULT);
        assertThat(steps).extracting(FlowStep::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(steps.get(3).title()).isEqualTo("Read /home/dev/repo/src/app.py");
        assertThat(steps.get(3).file()).isEqualTo("/home/dev/repo/src/app.py");
        assertThat(steps.get(4).title()).isEqualTo("Grep: def add");
        assertThat(steps.get(6).title()).isEqualTo("Bash: pytest -q tests/test_missing.py");
        assertThat(steps.get(6).error()).isTrue();
        assertThat(steps.get(6).detail()).contains("file or directory not found");
        assertThat(steps.get(7).title()).isEqualTo("github.create_issue");
        assertThat(steps.get(7).detail()).contains("add() subtracted").contains("Created issue #7");
        assertThat(steps.get(8).title()).endsWith("(permission denied)");
        assertThat(steps.get(8).error()).isTrue();
        assertThat(steps).allSatisfy(s -> assertThat(s.at()).isNotNull());

        AgentProgress progress = run.shipped().progress;
        assertThat(progress.filesRead()).containsExactly("/home/dev/repo/src/app.py");
        assertThat(progress.filesEdited()).containsExactly("/home/dev/repo/src/app.py");
        assertThat(progress.tools()).containsOnly(Map.entry("Read", 1), Map.entry("Grep", 1), Map.entry("Edit", 1),
                Map.entry("Bash", 1), Map.entry("mcp__github__create_issue", 1), Map.entry("Write", 1));

        // The unknown event, the broken line and the plain text are not lost: they are in the log.
        assertThat(run.listener().texts()).contains("{this line is not json", "plain text from a hook")
                .anyMatch(t -> t.contains("future_event"));
    }

    @Test
    void maxTurnsIsAFailureWithTheReasonAndTheCostSoFar() {
        FakeAgent fake = FakeAgent.replaying(temp, "claude", "claude-error-max-turns-handwritten.jsonl", 1);

        Run run = run(fake, task("Make the tests pass"));

        assertThat(run.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(run.result().exitCode()).isEqualTo(1);
        assertThat(run.result().reason()).isEqualTo("stopped at the maximum number of turns (3)");
        ParsedResult parsed = run.parsed();
        assertThat(parsed.summary()).isEqualTo("I'll run the test suite first.");
        assertThat(parsed.costUsd()).isEqualTo(0.0412);
        assertThat(parsed.tokensIn()).isEqualTo(1200 + 300 + 4000);
        assertThat(parsed.turns()).isEqualTo(3);
        assertThat(parsed.incomplete()).isFalse();
        assertThat(parsed.rateLimited()).isFalse();
        FlowStep result = run.shipped().first(FlowStep.Kind.RESULT);
        assertThat(result.error()).isTrue();
        assertThat(result.title()).isEqualTo("Failed: stopped at the maximum number of turns (3)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.1.197", "2.1.330"})
    void apiErrorWithSubtypeSuccessIsAFailure(String version) {
        FakeAgent fake = FakeAgent.replaying(temp, "claude", "claude-stream-sample-api-error-" + version + ".jsonl", 1);

        Run run = run(fake, task("Say hello"));

        assertThat(run.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(run.result().reason()).startsWith("API Error: 500 fake error500.");
        assertThat(run.parsed().rateLimited()).isFalse();
        assertThat(run.parsed().incomplete()).isFalse();
        assertThat(run.parsed().costUsd()).isZero();
        assertThat(run.shipped().first(FlowStep.Kind.ERROR).title()).isEqualTo("API retry 1/1 (500 server_error)");
        // The synthetic model name is not taken for the real one.
        assertThat(run.shipped().progress.model()).doesNotStartWith("<");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.1.197", "2.1.330"})
    void subscriptionUsageWindowsAreReportedAndAWarningIsNotALimit(String version) {
        FakeAgent fake = FakeAgent.replaying(temp, "claude", "claude-stream-sample-oauth-ratelimit-" + version + ".jsonl",
                0);

        Run run = run(fake, task("Run a command"));

        assertThat(run.result().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(run.parsed().rateLimited()).isFalse();
        FlowStep bash = run.shipped().first(FlowStep.Kind.COMMAND);
        assertThat(bash.title()).isEqualTo("Bash: echo hello-from-bash");
        assertThat(bash.detail()).contains("Print a greeting").contains("hello-from-bash");

        UsageWindow fiveHour = run.shipped().usage.stream().filter(w -> w.window().equals("five_hour")).findFirst()
                .orElseThrow();
        assertThat(fiveHour.account()).isEqualTo("claude");
        assertThat(fiveHour.backend()).isEqualTo(Backend.CLAUDE);
        assertThat(fiveHour.utilization()).isEqualTo(0.91);
        assertThat(fiveHour.status()).isEqualTo("allowed_warning");
        assertThat(fiveHour.resetsAt()).isEqualTo(Instant.ofEpochSecond(
                version.equals("2.1.197") ? 1795491225L : 1795491510L));
        assertThat(fiveHour.reportedAt()).isNotNull();
        if (version.equals("2.1.330")) {
            UsageWindow week = run.shipped().usage.stream().filter(w -> w.window().equals("seven_day")).findFirst()
                    .orElseThrow();
            assertThat(week.utilization()).isEqualTo(0.42);
            assertThat(week.resetsAt()).isEqualTo(Instant.ofEpochSecond(1795826310L));
        } else {
            assertThat(run.shipped().usage).filteredOn(w -> !w.isLogin()).hasSize(1);
        }
        assertThat(run.shipped().usage).filteredOn(UsageWindow::isLogin).extracting(UsageWindow::status)
                .as("the init line's apiKeySource none: a subscription login").containsExactly("subscription");
    }

    @Test
    void aRejectedLimitMakesARateLimitedAttemptWithItsResetTime() {
        FakeAgent fake = FakeAgent.replaying(temp, "claude", "claude-rate-limited-handwritten.jsonl", 1);

        Run run = run(fake, task("Refactor the parser"));

        assertThat(run.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(run.parsed().rateLimited()).isTrue();
        assertThat(run.parsed().rateLimitedUntil()).isEqualTo(Instant.ofEpochSecond(1795491225L));
        assertThat(run.result().reason()).isEqualTo("rate limited until " + Instant.ofEpochSecond(1795491225L)
                + ": You've hit your limit · resets 3pm (UTC)");
        assertThat(run.shipped().usage).filteredOn(w -> !w.isLogin())
                .extracting(UsageWindow::window, UsageWindow::utilization, UsageWindow::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("five_hour", 1.0, "rejected"),
                        org.assertj.core.groups.Tuple.tuple("seven_day", 0.64, null));
    }

    @Test
    void anAgentStoppedMidwayYieldsAnIncompleteResultWithWhatWasLearned() throws Exception {
        // init, text, Write tool_use: the tool never returns.
        FakeAgent fake = FakeAgent.hangingAfter(temp, "claude", "claude-stream-sample-2.1.330.jsonl", 3);
        AgentRunner runner = Runners.runner(temp, backend(fake));
        RecordingListener listener = new RecordingListener();
        Shipped shipped = new Shipped();

        RunningAgent agent = runner.start(task("Create hello.txt"), listener);
        Eventually.until(() -> {
            shipped.take(agent.drainUpdates());
            return shipped.steps.size() == 3;
        }, LIMIT, "three steps while the agent runs");
        assertThat(shipped.progress.currentStep()).isEqualTo("Write /home/dev/repo/hello.txt");
        assertThat(shipped.first(FlowStep.Kind.FILE_EDIT).durationMs()).isNull();

        agent.stop(TaskStatus.CANCELLED, "cancelled by the user");
        RunResult result = listener.await(LIMIT);
        shipped.take(agent.drainUpdates());

        assertThat(result.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(result.reason()).isEqualTo("cancelled by the user");
        assertThat(result.parsed().incomplete()).isTrue();
        assertThat(result.parsed().sessionId()).isEqualTo("be8cc6e4-19b7-4c97-bbe1-0af19612662b");
        assertThat(result.parsed().summary()).isEqualTo("I'll create hello.txt.");
        assertThat(result.parsed().tokensIn()).isEqualTo(120);
        assertThat(result.parsed().costUsd()).isNull();
        assertThat(shipped.kinds()).doesNotContain(FlowStep.Kind.RESULT);
        assertThat(ProcessHandle.of(listener.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aStreamThatEndsWithoutAResultIsAnIncompleteFailure() {
        FakeAgent fake = FakeAgent.printing(temp, "claude",
                "{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"s-1\",\"model\":\"m\",\"tools\":[]}\n", 0);

        Run run = run(fake, task("Do it"));

        assertThat(run.result().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(run.parsed().incomplete()).isTrue();
        assertThat(run.parsed().sessionId()).isEqualTo("s-1");
        assertThat(run.result().reason()).startsWith("the agent's output ended before its final result (exit code 0)");
    }

    @Test
    void optionsBecomeSingleArgumentsBeforeThePrompt() {
        FakeAgent fake = FakeAgent.replaying(temp, "claude", "claude-stream-sample-2.1.197.jsonl", 0);
        AgentOptions options = new AgentOptions("claude-sonnet-5", "acceptEdits", false,
                List.of("Read", "Bash(git log:*)"), List.of("WebFetch"), 12, "Answer in French.",
                "/etc/dobby/mcp.json", "363e8b15-fbff-4528-9c99-2af2ac8865a0", null, null);

        run(fake, Assignments.of(Backend.CLAUDE, 7, 1, "Fix the build", project, false,
                "This project uses Maven.", options));

        assertThat(fake.argv()).containsExactly("-p", "--output-format", "stream-json", "--verbose",
                "--model=claude-sonnet-5", "--permission-mode=acceptEdits", "--allowedTools=Read",
                "--allowedTools=Bash(git log:*)", "--disallowedTools=WebFetch", "--max-turns=12",
                "--append-system-prompt=This project uses Maven.\n\nAnswer in French.",
                "--mcp-config=/etc/dobby/mcp.json", "--resume=363e8b15-fbff-4528-9c99-2af2ac8865a0", "--",
                "Fix the build");
        assertThat(fake.isSandbox()).isEqualTo(INHERITED_IS_SANDBOX);
    }

    @Test
    void skippingPermissionsAsRootAlsoSetsIsSandbox() {
        FakeAgent fake = FakeAgent.replaying(temp, "claude", "claude-stream-sample-2.1.197.jsonl", 0);
        AgentOptions skip = new AgentOptions(null, null, true, null, null, null, null, null, null, null, null);
        AgentRunner asRoot = Runners.runner(temp, new ClaudeBackend(
                Runners.env(ClaudeBackend.BIN_VARIABLE, fake.program()), PriceTable.EMPTY, true));
        RecordingListener listener = new RecordingListener();

        asRoot.start(Assignments.of(Backend.CLAUDE, 8, 1, "Go ahead", project, false, null, skip), listener);
        listener.await(LIMIT);

        assertThat(fake.argv()).containsExactly("-p", "--output-format", "stream-json", "--verbose",
                "--dangerously-skip-permissions", "--", "Go ahead");
        assertThat(fake.isSandbox()).isEqualTo("1");
    }

    @Test
    void skippingPermissionsAsAnotherUserLeavesIsSandboxAlone() {
        FakeAgent fake = FakeAgent.replaying(temp, "claude", "claude-stream-sample-2.1.197.jsonl", 0);
        AgentOptions skip = new AgentOptions(null, null, true, null, null, null, null, null, null, null, null);

        Assignment assignment = Assignments.of(Backend.CLAUDE, 8, 1, "Go ahead", project, false, null, skip);
        run(fake, assignment);

        assertThat(fake.argv()).contains("--dangerously-skip-permissions");
        assertThat(fake.isSandbox()).isEqualTo(INHERITED_IS_SANDBOX);
        assertThat(backend(fake).environment(assignment)).isEmpty();
    }

    @Test
    void aPlanningRunNeverSkipsPermissions() {
        FakeAgent fake = FakeAgent.replaying(temp, "claude", "claude-stream-sample-2.1.197.jsonl", 0);
        AgentOptions plan = new AgentOptions(null, "plan", true, null, null, null, null, null, null, null, true);

        run(fake, Assignments.of(Backend.CLAUDE, 9, 1, "Plan the migration", project, false, null, plan));

        assertThat(fake.argv()).contains("--permission-mode=plan").doesNotContain("--dangerously-skip-permissions");
    }

    @Test
    void aMissingProgramIsAClearFailureAndIsNotAdvertised() {
        ClaudeBackend missing = new ClaudeBackend(Map.of(ClaudeBackend.BIN_VARIABLE,
                temp.resolve("nowhere/claude").toString()), PriceTable.EMPTY, false);
        ClaudeBackend notOnPath = new ClaudeBackend(Map.of("PATH", temp.toString()), PriceTable.EMPTY, false);
        AgentRunner runner = Runners.runner(temp, missing);
        RecordingListener listener = new RecordingListener();

        runner.start(task("Anything"), listener);
        RunResult result = listener.await(LIMIT);

        assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.reason()).isEqualTo("claude not found on worker w1");
        assertThat(runner.availableBackends()).isEmpty();
        assertThat(notOnPath.available()).isFalse();
    }

    @Test
    void theProgramIsFoundOnThePathOfTheGivenEnvironment() throws IOException {
        FakeAgent fake = FakeAgent.replaying(temp, "claude", "claude-stream-sample-2.1.197.jsonl", 0);
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Files.copy(fake.program(), bin.resolve("claude"));
        bin.resolve("claude").toFile().setExecutable(true);

        ClaudeBackend onPath = new ClaudeBackend(Map.of("PATH", "/nonexistent:" + bin), PriceTable.EMPTY, false);

        assertThat(onPath.available()).isTrue();
        assertThat(onPath.command(task("x y"), project).get(0)).isEqualTo(bin.resolve("claude").toString());
    }
}
