package dev.dobby.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.FakeRemoteControl;
import dev.dobby.hub.testing.SpokeProcess;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.TaskStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code dobby remote} as a user runs it, against a fake claude that serves and the real Claude Code without a login. */
@Timeout(300)
class RemoteSessionCliIT {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @Test
    void remotePrintsTheLinkAndCtrlCEndsTheWaitNotTheSession() throws Exception {
        FakeRemoteControl claude = FakeRemoteControl.serving(home.resolve("bin"));
        WorkerSettings worker = new WorkerSettings(System.getenv(), claude.program().toString(), "/nonexistent/codex",
                null, null);
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c, b -> b.worker(worker))) {
            hub.project("spare");
            List<String> out = Collections.synchronizedList(new ArrayList<>());
            Process remote = dobby(hub.url(), "remote", "--project", "spare", "--name", "phone");
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(remote.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    r.lines().forEach(out::add);
                } catch (java.io.IOException ignored) {
                    // the CLI ended
                }
            });
            Await.until(() -> List.copyOf(out).contains("Open the session: " + FakeRemoteControl.LINK), LIMIT,
                    "the link in dobby remote's output: " + out);
            Matcher id = Pattern.compile("Session #(\\d+) \"phone\" in spare: waiting for a worker\\. Ctrl-C stops"
                    + " waiting; the session goes on \\(dobby cancel (\\d+) stops it\\)\\.").matcher(out.get(0));
            assertThat(id.matches()).as(out.toString()).isTrue();
            assertThat(out).contains("Remote Control session \"phone\" is ready in " + hub.home().resolve("projects/spare"));

            new ProcessBuilder("kill", "-INT", Long.toString(remote.pid())).start().waitFor();
            assertThat(remote.waitFor(20, TimeUnit.SECONDS)).as("dobby remote ends on Ctrl-C").isTrue();
            reader.join();
            long taskId = Long.parseLong(id.group(1));
            assertThat(hub.api().getTask(taskId).status()).isEqualTo(TaskStatus.RUNNING);
            assertThat(claude.serving()).isTrue();

            Cli.Result cancelled = new Cli().env("DOBBY_URL", hub.url()).run("cancel", Long.toString(taskId));
            assertThat(cancelled.code()).as(cancelled.toString()).isZero();
            assertThat(hub.awaitEnd(taskId, LIMIT).status()).isEqualTo(TaskStatus.CANCELLED);
            Await.until(() -> !claude.serving(), Duration.ofSeconds(10), "the session's CLI to stop");
        }
    }

    @Test
    void theRealClaudeCodeWithoutALoginTellsTheUserInItsOwnWordsThroughASpoke() throws Exception {
        Path claude = RealClaudeCode.program();
        Path emptyHome = Files.createDirectories(home.resolve("nobody"));
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withMaxConcurrentAgents(0))) {
            hub.project("spare");
            try (SpokeProcess spoke = SpokeProcess.builder(home.resolve("spoke"), hub.url(), "gpu-node-1")
                    .env("DOBBY_CLAUDE_BIN", claude.toString())
                    .env("HOME", emptyHome.toString())
                    .env("CLAUDE_CONFIG_DIR", emptyHome.resolve(".claude").toString())
                    .start()) {
                Cli.Result result = new Cli().env("DOBBY_URL", hub.url())
                        .run("remote", "--project", "spare", "--on", "gpu-node-1");
                assertThat(result.code()).as(result.toString()).isEqualTo(1);
                assertThat(result.out()).contains("Error: You must be logged in to use Remote Control.\n\n"
                        + "Remote Control is only available with claude.ai subscriptions. Please use `/login` to sign in"
                        + " with your claude.ai account.\n");
                assertThat(result.err()).containsPattern("session #\\d+ failed \\(claude remote-control exited with"
                        + " code 1: Error: You must be logged in to use Remote Control\\. Remote Control is only"
                        + " available with claude\\.ai subscriptions\\. Please use `/login` to sign in with your"
                        + " claude\\.ai account\\.\\)");
            }
        }
    }

    private static Process dobby(String hubUrl, String... args) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar",
                System.getProperty("dobby.cli.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(k -> k.startsWith("DOBBY_") || k.equals("NO_COLOR"));
        builder.environment().put("DOBBY_URL", hubUrl);
        builder.environment().put("NO_COLOR", "1");
        return builder.start();
    }
}
