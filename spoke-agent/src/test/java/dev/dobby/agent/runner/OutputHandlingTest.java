package dev.dobby.agent.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.claude.ClaudeBackend;
import dev.dobby.agent.testing.Assignments;
import dev.dobby.agent.testing.FakeAgent;
import dev.dobby.agent.testing.RecordingListener;
import dev.dobby.agent.testing.Runners;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.OutputLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens to an agent's lines between its stdout and the log, the parser and the result. */
class OutputHandlingTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final String TOKEN = "ghp_0123456789abcdefSECRET";
    private static final String HUB_KEY = "hub-key-do-not-leak";

    @TempDir
    Path temp;
    Path project;

    @BeforeEach
    void createProject() throws IOException {
        project = Files.createDirectories(temp.resolve("project"));
    }

    private static Redactor redactor() {
        return Redactor.fromEnvironment(Map.of("GITHUB_TOKEN", TOKEN, "HOME", "/root"), List.of(HUB_KEY));
    }

    @Test
    void secretsAreRedactedBeforeTheParserTheLogAndTheResultSeeThem() {
        String stream = String.join("\n",
                "{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"s-1\",\"model\":\"m\",\"tools\":[]}",
                "{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\","
                        + "\"name\":\"Bash\",\"input\":{\"command\":\"echo " + TOKEN + "\"}}]}}",
                "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
                        + "\"content\":\"" + TOKEN + "\"}]}}",
                "the hub key is " + HUB_KEY,
                "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":1,"
                        + "\"result\":\"Printed " + TOKEN + " as asked\",\"session_id\":\"s-1\",\"total_cost_usd\":0.01,"
                        + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}",
                "");
        FakeAgent fake = FakeAgent.printing(temp, "claude", stream, 0);
        AgentRunner runner = Runners.runner(temp, redactor(),
                new ClaudeBackend(Runners.env(ClaudeBackend.BIN_VARIABLE, fake.program()), PriceTable.EMPTY));
        RecordingListener listener = new RecordingListener();

        RunningAgent agent = runner.start(Assignments.of(Backend.CLAUDE, 1, "print the token", project), listener);
        var result = listener.await(LIMIT);
        var updates = agent.drainUpdates();

        assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(listener.texts()).hasSize(5).noneMatch(t -> t.contains(TOKEN) || t.contains(HUB_KEY));
        assertThat(listener.texts()).anyMatch(t -> t.equals("the hub key is " + Redactor.MASK));
        assertThat(result.parsed().summary()).isEqualTo("Printed " + Redactor.MASK + " as asked");
        FlowStep bash = updates.steps().stream().filter(s -> s.kind() == FlowStep.Kind.COMMAND).findFirst()
                .orElseThrow();
        assertThat(bash.title()).isEqualTo("Bash: echo " + Redactor.MASK);
        assertThat(bash.detail()).doesNotContain(TOKEN).contains(Redactor.MASK);
    }

    @Test
    void aSecretAcrossTheLogLineLimitIsStillRedactedAndTheLongLineIsKeptInPieces() {
        // The token straddles the point where the log cuts the line.
        String line = "x".repeat(LineReader.MAX_LINE - 5) + TOKEN + "y".repeat(LineReader.MAX_LINE + 100);
        FakeAgent fake = FakeAgent.printing(temp, "claude", line + "\n", 0);
        AgentRunner runner = Runners.runner(temp, redactor(),
                new ClaudeBackend(Runners.env(ClaudeBackend.BIN_VARIABLE, fake.program()), PriceTable.EMPTY));
        RecordingListener listener = new RecordingListener();

        runner.start(Assignments.of(Backend.CLAUDE, 2, "long output", project), listener);
        listener.await(LIMIT);

        List<String> pieces = listener.texts();
        assertThat(pieces).hasSize(3).allMatch(p -> p.length() <= LineReader.MAX_LINE);
        String joined = String.join("", pieces);
        assertThat(joined).isEqualTo(line.replace(TOKEN, Redactor.MASK));
        assertThat(pieces).noneMatch(p -> p.contains(TOKEN.substring(0, 8)) || p.contains(TOKEN.substring(8)));
        assertThat(listener.lines()).extracting(OutputLine::stream).containsOnly(OutputLine.STDOUT);
    }

    @Test
    void anEventLongerThanALogLineIsStillParsedWhole() {
        String big = "z".repeat(100_000);
        String stream = "{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"s-2\",\"model\":\"m\",\"tools\":[]}\n"
                + "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":1,\"result\":\""
                + big + "\",\"session_id\":\"s-2\",\"total_cost_usd\":0.5,\"usage\":{\"input_tokens\":3,"
                + "\"output_tokens\":4}}\n";
        FakeAgent fake = FakeAgent.printing(temp, "claude", stream, 0);
        AgentRunner runner = Runners.runner(temp,
                new ClaudeBackend(Runners.env(ClaudeBackend.BIN_VARIABLE, fake.program()), PriceTable.EMPTY));
        RecordingListener listener = new RecordingListener();

        runner.start(Assignments.of(Backend.CLAUDE, 3, "write a lot", project), listener);
        var result = listener.await(LIMIT);

        assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(result.parsed().summary()).isEqualTo(big);
        assertThat(result.parsed().costUsd()).isEqualTo(0.5);
        assertThat(listener.texts()).hasSize(1 + (int) Math.ceil(stream.split("\n")[1].length()
                / (double) LineReader.MAX_LINE));
    }

    @Test
    void piecesNeverSplitASurrogatePair() {
        String line = "a".repeat(LineReader.MAX_LINE - 1) + "😀" + "b";

        List<String> pieces = LineReader.pieces(line);

        assertThat(pieces).hasSize(2);
        assertThat(pieces.get(0)).hasSize(LineReader.MAX_LINE - 1);
        assertThat(pieces.get(1)).isEqualTo("😀b");
    }
}
