package dev.dobby.agent.runner.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.AgentRunner;
import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.runner.RunResult;
import dev.dobby.agent.runner.RunningAgent;
import dev.dobby.agent.testing.Assignments;
import dev.dobby.agent.testing.FakeAgent;
import dev.dobby.agent.testing.RecordingListener;
import dev.dobby.agent.testing.Runners;
import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.UsageWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Codex's rate limits come from its session file, found by the thread id its JSON output names. */
class CodexRolloutTest {
    private static final String THREAD = "01a20af7-fffb-7d40-86dc-75c1359f4742";
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private Path rollout(Path codexHome, String thread, double primaryUsed, long resetsAt) throws IOException {
        LocalDate today = LocalDate.now();
        Path dir = Files.createDirectories(codexHome.resolve("sessions").resolve(String.format("%04d",
                today.getYear())).resolve(String.format("%02d", today.getMonthValue()))
                .resolve(String.format("%02d", today.getDayOfMonth())));
        Path file = dir.resolve("rollout-" + today + "T10-00-00-" + thread + ".jsonl");
        String tokenCount = "{\"timestamp\":\"2026-12-02T10:00:05.000Z\",\"type\":\"event_msg\",\"payload\":{\"type\":"
                + "\"token_count\",\"info\":null,\"rate_limits\":{\"primary\":{\"used_percent\":%s,"
                + "\"window_minutes\":300,\"resets_at\":%d},\"secondary\":{\"used_percent\":12.0,"
                + "\"window_minutes\":10080,\"resets_at\":%d}}}}\n";
        Files.writeString(file, "{\"timestamp\":\"2026-12-02T10:00:00.000Z\",\"type\":\"session_meta\",\"payload\":"
                + "{\"id\":\"" + thread + "\"}}\n"
                + String.format(java.util.Locale.ROOT, tokenCount, 3.0, resetsAt, resetsAt + 86_400)
                + String.format(java.util.Locale.ROOT, tokenCount, primaryUsed, resetsAt, resetsAt + 86_400));
        return file;
    }

    private record Outcome(RunResult result, List<UsageWindow> usage) {
    }

    private Outcome run(FakeAgent fake, Path codexHome) {
        Map<String, String> env = Map.of(CodexBackend.BIN_VARIABLE, fake.program().toString(), "CODEX_HOME",
                codexHome.toString(), "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        AgentRunner runner = Runners.runner(temp, new CodexBackend(env, PriceTable.EMPTY));
        RecordingListener listener = new RecordingListener();
        RunningAgent agent = runner.start(Assignments.of(Backend.CODEX, 5, 1, "Create hello.txt",
                temp.resolve("project"), false, null, AgentOptions.NONE), listener);
        RunResult result = listener.await(LIMIT);
        return new Outcome(result, agent.drainUpdates().usage());
    }

    @Test
    void theSessionFilesLatestRateLimitsBecomeUsageWindows() throws IOException {
        Files.createDirectories(temp.resolve("project"));
        Path codexHome = temp.resolve("codex-home");
        long resets = Instant.now().plusSeconds(3_600).getEpochSecond();
        rollout(codexHome, THREAD, 42.5, resets);
        Outcome run = run(FakeAgent.replaying(temp, "codex", "codex-exec-sample-0.169.0.jsonl", 0), codexHome);

        assertThat(run.usage()).anySatisfy(w -> {
            assertThat(w.backend()).isEqualTo(Backend.CODEX);
            assertThat(w.window()).isEqualTo("five_hour");
            assertThat(w.utilization()).isEqualTo(0.425);
            assertThat(w.status()).isEqualTo("allowed");
            assertThat(w.resetsAt()).isEqualTo(Instant.ofEpochSecond(resets));
        });
        assertThat(run.usage()).anySatisfy(w -> {
            assertThat(w.window()).isEqualTo("seven_day");
            assertThat(w.utilization()).isEqualTo(0.12);
        });
    }

    @Test
    void aWindowUsedUpGivesTheLimitsResetTime() throws IOException {
        Files.createDirectories(temp.resolve("project"));
        Path codexHome = temp.resolve("codex-home");
        long resets = Instant.now().plusSeconds(7_200).getEpochSecond();
        rollout(codexHome, THREAD, 100.0, resets);
        FakeAgent fake = FakeAgent.printing(temp, "codex", "{\"type\":\"thread.started\",\"thread_id\":\"" + THREAD
                + "\"}\n{\"type\":\"turn.started\"}\n{\"type\":\"turn.failed\",\"error\":{\"message\":"
                + "\"You've hit your usage limit. Try again later.\"}}\n", 1);
        Outcome run = run(fake, codexHome);

        assertThat(run.result().parsed().rateLimited()).isTrue();
        assertThat(run.result().parsed().rateLimitedUntil()).isEqualTo(Instant.ofEpochSecond(resets));
        assertThat(run.usage()).anySatisfy(w -> {
            assertThat(w.window()).isEqualTo("five_hour");
            assertThat(w.status()).isEqualTo("rejected");
        });
    }

    @Test
    void noSessionFileMeansNoFigures() throws IOException {
        Files.createDirectories(temp.resolve("project"));
        Outcome run = run(FakeAgent.replaying(temp, "codex", "codex-exec-sample-0.169.0.jsonl", 0),
                temp.resolve("no-codex-home"));
        assertThat(run.usage()).isEmpty();
        assertThat(run.result().parsed().rateLimited()).isFalse();
    }
}
