package dev.dobby.hub.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.testing.FakeClaude;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With resume_on_timeout, a timed-out Claude Code session that the retry policy runs again is continued. */
class TimeoutResumeTest {
    private static final String SESSION = FakeClaude.SESSION;

    @TempDir
    Path home;

    @Test
    void aTimedOutSessionThatIsRetriedContinuesWhereItStopped() throws Exception {
        FakeClaude claude = FakeClaude.hangingUntilResumed(home);
        WorkerSettings worker = new WorkerSettings(System.getenv(), claude.program().toString(), "/nonexistent/codex",
                PriceTable.EMPTY, Duration.ofDays(1));
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c, b -> b.worker(worker))) {
            hub.project("app");
            ProjectPolicy policy = ProjectPolicy.retries(2, 0).merge(new ProjectPolicy(null, null, null, null, null,
                    null, null, null, null, null, null, null, true));
            hub.api().updateProject("app", policy);
            Task task = hub.api().createTask(NewTask.of("create hello.txt", "app").withBackend(Backend.CLAUDE)
                    .withTimeout(3));
            Task done = hub.awaitEnd(task.id(), Duration.ofSeconds(40));
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.attempts()).isEqualTo(2);
            List<String> runs = claude.runs();
            assertThat(runs).hasSize(2);
            assertThat(runs.get(0)).doesNotContain("--resume");
            assertThat(runs.get(1)).contains("--resume=" + SESSION)
                    .endsWith("-- You ran out of time before you finished. Continue the task from where you stopped, "
                            + "and finish it.");
        }
    }
}
