package dev.dobby.agent.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.claude.ClaudeBackend;
import dev.dobby.agent.runner.codex.CodexBackend;
import dev.dobby.agent.testing.Assignments;
import dev.dobby.agent.testing.FakeAgent;
import dev.dobby.agent.testing.RecordingListener;
import dev.dobby.agent.testing.Runners;
import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A task description is data: whatever it contains reaches the agent program as exactly one argument, after
 * {@code --}, and nothing in it is executed or read as an option.
 */
class ArgvSafetyTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    static Stream<Arguments> descriptions() {
        List<String> hostile = List.of(
                "$(touch pwned-dollar)",
                "`touch pwned-backtick`",
                "fix it; touch pwned-semicolon",
                "first line\nsecond line && touch pwned-newline",
                "--dangerously-skip-permissions",
                "--model=evil -- touch pwned-dashes",
                "'single' \"double\" \\ back | pipe > redirect-pwned",
                "  leading and trailing spaces  ");
        return Stream.of(Backend.CLAUDE, Backend.CODEX)
                .flatMap(backend -> hostile.stream().map(text -> Arguments.of(backend, text)));
    }

    @ParameterizedTest
    @MethodSource("descriptions")
    void theDescriptionArrivesAsOneArgumentAndNothingRuns(Backend backend, String description) throws IOException {
        Path project = Files.createDirectories(temp.resolve("project"));
        FakeAgent fake = fake(backend);
        RecordingListener listener = new RecordingListener();

        Runners.runner(temp, backendFor(backend, fake)).start(
                Assignments.of(backend, 3, description, project), listener);
        assertThat(listener.await(LIMIT).status()).isEqualTo(TaskStatus.COMPLETED);

        List<String> argv = fake.argv();
        boolean oneWord = description.chars().noneMatch(Character::isWhitespace);
        assertThat(argv.get(argv.size() - 1))
                .isEqualTo(backend == Backend.CLAUDE && oneWord ? description + "\n" : description);
        assertThat(argv.get(argv.size() - 2)).isEqualTo("--");
        List<String> options = argv.subList(0, argv.size() - 2);
        assertThat(options).noneMatch(a -> a.contains(description.strip()));
        assertThat(options).doesNotContain("--dangerously-skip-permissions",
                "--dangerously-bypass-approvals-and-sandbox");
        try (Stream<Path> files = Files.walk(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("pwned"));
        }
    }

    /**
     * Claude Code takes a first operand that names one of its subcommands ("update") as that subcommand even after
     * {@code --}; a one-word description gets a trailing newline so it never names one.
     */
    @Test
    void aOneWordDescriptionCannotNameAClaudeSubcommand() throws IOException {
        Path project = Files.createDirectories(temp.resolve("project"));
        FakeAgent fake = fake(Backend.CLAUDE);
        RecordingListener listener = new RecordingListener();

        Runners.runner(temp, backendFor(Backend.CLAUDE, fake)).start(
                Assignments.of(Backend.CLAUDE, 3, "update", project), listener);
        listener.await(LIMIT);

        assertThat(fake.argv()).endsWith("--", "update\n");
    }

    @Test
    void aCodexSessionIdCannotBeReadAsAnOption() throws IOException {
        Path project = Files.createDirectories(temp.resolve("project"));
        FakeAgent fake = fake(Backend.CODEX);
        RecordingListener listener = new RecordingListener();
        AgentOptions resume = new AgentOptions(null, null, null, null, null, null, null, null,
                "--dangerously-bypass-approvals-and-sandbox", null, null);

        Runners.runner(temp, backendFor(Backend.CODEX, fake)).start(
                Assignments.of(Backend.CODEX, 3, 1, "continue", project, false, null, resume), listener);
        listener.await(LIMIT);

        assertThat(fake.argv()).endsWith("resume", "--", "--dangerously-bypass-approvals-and-sandbox", "continue");
    }

    @Test
    void optionValuesThatLookLikeOptionsStayValues() throws IOException {
        Path project = Files.createDirectories(temp.resolve("project"));
        FakeAgent fake = fake(Backend.CLAUDE);
        RecordingListener listener = new RecordingListener();
        AgentOptions odd = new AgentOptions("--dangerously-skip-permissions", null, null,
                List.of("--dangerously-skip-permissions"), null, null, null, null, null, null, null);

        Runners.runner(temp, backendFor(Backend.CLAUDE, fake)).start(
                Assignments.of(Backend.CLAUDE, 3, 1, "do it", project, false, null, odd), listener);
        listener.await(LIMIT);

        assertThat(fake.argv()).contains("--model=--dangerously-skip-permissions",
                "--allowedTools=--dangerously-skip-permissions").doesNotContain("--dangerously-skip-permissions");
    }

    private FakeAgent fake(Backend backend) {
        return backend == Backend.CLAUDE
                ? FakeAgent.replaying(temp, "claude", "claude-stream-sample-2.1.197.jsonl", 0)
                : FakeAgent.replaying(temp, "codex", "codex-exec-sample-0.169.0.jsonl", 0);
    }

    private static AgentBackend backendFor(Backend backend, FakeAgent fake) {
        return backend == Backend.CLAUDE
                ? new ClaudeBackend(Runners.env(ClaudeBackend.BIN_VARIABLE, fake.program()), PriceTable.EMPTY)
                : new CodexBackend(Runners.env(CodexBackend.BIN_VARIABLE, fake.program()), PriceTable.EMPTY);
    }
}
