package dev.dobby.hub.spokes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.FakeClaude;
import dev.dobby.hub.testing.SpokeProcess;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spoke dies (kill -9) in the middle of a Claude Code session and stays away past its lease: the task's next
 * attempt on that spoke resumes the same session (--resume) instead of starting over.
 */
@Timeout(120)
class SpokeResumeTest {
    private static final String SESSION = FakeClaude.SESSION;
    static final Duration LEASE = Duration.ofSeconds(6);

    @TempDir
    Path home;

    @Test
    void theNextAttemptOnTheSameSpokeResumesTheInterruptedSession() throws Exception {
        FakeClaude claude = FakeClaude.hangingUntilResumed(home);
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withLease(LEASE, Duration.ofSeconds(1))
                .withMaxConcurrentAgents(0))) {
            hub.project("p");
            SpokeProcess.Builder spoke = SpokeProcess.builder(home.resolve("a"), hub.url(), "a")
                    .env("DOBBY_CLAUDE_BIN", claude.program().toString());
            long id;
            try (SpokeProcess doomed = spoke.start()) {
                id = hub.api().createTask(NewTask.of("create hello.txt", "p").withBackend(Backend.CLAUDE)).id();
                // The parser's view (with the session id) travels with the chunk that carries these lines.
                Await.until(() -> hub.api().logs(id, 0, 10).lines().size() == 2, Duration.ofSeconds(20),
                        "the session to start");
                doomed.kill();
            }
            Task lost = Await.until(() -> hub.api().getTask(id), t -> t.status() == TaskStatus.PENDING,
                    LEASE.multipliedBy(3), "the hub to take the task back");
            assertThat(lost.statusReason()).contains("stopped answering");
            try (SpokeProcess back = spoke.start()) {
                Task done = hub.awaitEnd(id, Duration.ofSeconds(30));
                assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(done.attempts()).isEqualTo(2);
            }
            List<String> runs = claude.runs();
            assertThat(runs).hasSize(2);
            assertThat(runs.get(0)).doesNotContain("--resume");
            assertThat(runs.get(1)).contains("--resume=" + SESSION).contains("You were interrupted");
            assertThat(hub.api().result(id).sessionId()).isEqualTo(SESSION);
        }
    }
}
