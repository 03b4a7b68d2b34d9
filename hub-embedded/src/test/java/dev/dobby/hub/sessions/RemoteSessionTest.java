package dev.dobby.hub.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.FakeRemoteControl;
import dev.dobby.hub.testing.SpokeProcess;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.NewSession;
import dev.dobby.protocol.Session;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote Control sessions dispatched like tasks, to the hub's own worker and to a spoke, with a fake claude on the
 * real process path: the link the CLI prints reaches GET /sessions, Stop ends the CLI's process, and the CLI's own
 * words reach the user when it refuses.
 */
@Timeout(120)
class RemoteSessionTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    private static WorkerSettings claudeAt(FakeRemoteControl claude) {
        return new WorkerSettings(System.getenv(), claude.program().toString(), "/nonexistent/codex", null, null);
    }

    @Test
    void aSessionOnTheLocalWorkerOffersItsLinkOutlivesTheStaleTimeoutAndStopsOnCancel() throws Exception {
        FakeRemoteControl claude = FakeRemoteControl.serving(home.resolve("bin"));
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withStaleTimeout(Duration.ofSeconds(2)),
                b -> b.worker(claudeAt(claude)))) {
            hub.project("spare");
            Session opened = hub.client().openSession(new NewSession("spare", "fix the login bug", null, List.of(),
                    false, "acceptEdits", null));
            assertThat(opened.state()).isEqualTo(TaskStatus.PENDING);
            Session live = Await.until(() -> hub.client().session(opened.id()), s -> s.link() != null, LIMIT,
                    "the session's link");
            assertThat(live.link()).isEqualTo(FakeRemoteControl.LINK);
            assertThat(live.worker()).isEqualTo("local");
            assertThat(live.state()).isEqualTo(TaskStatus.RUNNING);
            assertThat(claude.runs()).contains("remote-control --spawn session --name=fix the login bug"
                    + " --permission-mode=acceptEdits");
            assertThat(hub.client().sessions(true)).extracting(Session::id).containsExactly(opened.id());

            Thread.sleep(3_500); // past the stale timeout: a quiet session is not stale
            assertThat(hub.client().getTask(opened.id()).status()).isEqualTo(TaskStatus.RUNNING);
            assertThat(claude.serving()).isTrue();

            hub.client().cancelTask(opened.id());
            Task ended = hub.awaitEnd(opened.id(), LIMIT);
            assertThat(ended.status()).isEqualTo(TaskStatus.CANCELLED);
            Await.until(() -> !claude.serving(), Duration.ofSeconds(10), "the CLI to stop");
            assertThat(hub.client().sessions(true)).isEmpty();
            assertThat(hub.client().sessions(false)).singleElement()
                    .satisfies(s -> assertThat(s.link()).isEqualTo(FakeRemoteControl.LINK));
        }
    }

    @Test
    void withoutALoginTheCliOwnWordsAreTheReason() {
        FakeRemoteControl claude = FakeRemoteControl.notLoggedIn(home.resolve("bin"));
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c, b -> b.worker(claudeAt(claude)))) {
            hub.project("spare");
            long id = hub.client().openSession(NewSession.in("spare")).id();
            Task failed = hub.awaitEnd(id, LIMIT);
            assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(failed.statusReason()).isEqualTo("claude remote-control exited with code 1: "
                    + FakeRemoteControl.NOT_LOGGED_IN.replace("\n\n", " "));
            assertThat(hub.client().logs(id, 0, 10).lines()).extracting(l -> l.text())
                    .containsSubsequence("Error: You must be logged in to use Remote Control.",
                            "Remote Control is only available with claude.ai subscriptions. Please use `/login` to sign"
                                    + " in with your claude.ai account.");
            assertThat(hub.client().session(id).status()).isEqualTo(failed.statusReason());
            assertThat(hub.client().session(id).name()).isEqualTo("dobby-spare");
        }
    }

    @Test
    void aClaudeCodeTooOldIsRefusedBeforeAnythingStarts() {
        FakeRemoteControl claude = FakeRemoteControl.version(home.resolve("bin"), "2.1.50");
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c, b -> b.worker(claudeAt(claude)))) {
            hub.project("spare");
            Task failed = hub.awaitEnd(hub.client().openSession(NewSession.in("spare")).id(), LIMIT);
            assertThat(failed.statusReason()).isEqualTo("Claude Code 2.1.50 is too old for Remote Control: it needs"
                    + " 2.1.51 or newer (update it with `claude update`) (worker local)");
            assertThat(claude.runs()).containsExactly("--version");
        }
    }

    @Test
    void noWorkerThatCanRunSessionsIsRefusedAtOnce() {
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withMaxConcurrentAgents(0))) {
            hub.project("spare");
            assertThatThrownBy(() -> hub.client().openSession(NewSession.in("spare")))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409))
                    .hasMessage("no worker can run sessions: no online worker has Claude Code (claude) (install"
                            + " Claude Code there, or set claude_bin / DOBBY_CLAUDE_BIN)");
            assertThatThrownBy(() -> hub.client().openSession(new NewSession("spare", null, "gpu-1", List.of(),
                    null, null, null)))
                    .hasMessage("no worker can run sessions: worker gpu-1 is not online");
            assertThat(hub.client().listTasks(dev.dobby.protocol.TaskQuery.all()).tasks()).isEmpty();
        }
    }

    @Test
    void aSessionOnASpokeOffersItsLinkAndStopsOnCancel() throws Exception {
        FakeRemoteControl claude = FakeRemoteControl.serving(home.resolve("bin"));
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withMaxConcurrentAgents(0))) {
            hub.project("spare");
            try (SpokeProcess spoke = SpokeProcess.builder(home.resolve("gpu"), hub.url(), "gpu-node-1")
                    .env("DOBBY_CLAUDE_BIN", claude.program().toString()).start()) {
                Await.until(() -> hub.client().spokes().stream().anyMatch(s -> s.id().equals("gpu-node-1")),
                        LIMIT, "the spoke to register");
                Session opened = hub.client().openSession(new NewSession("spare", "on the gpu", "gpu-node-1",
                        List.of(), false, null, null));
                Session live = Await.until(() -> hub.client().session(opened.id()), s -> s.link() != null, LIMIT,
                        "the session's link");
                assertThat(live.worker()).isEqualTo("gpu-node-1");
                assertThat(live.status()).isEqualTo("Open " + FakeRemoteControl.LINK + " in a browser or the Claude app");
                hub.client().cancelTask(opened.id());
                assertThat(hub.awaitEnd(opened.id(), LIMIT).status()).isEqualTo(TaskStatus.CANCELLED);
                Await.until(() -> !claude.serving(), Duration.ofSeconds(10), "the CLI to stop");
            }
        }
    }
}
