package dev.dobby.hub.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With resume_on_timeout, a timed-out Claude Code session that the retry policy runs again is continued. */
class TimeoutResumeTest {
    private static final String SESSION = "15459f00-aecc-4b8d-88bd-614acdde6b7c";

    @TempDir
    Path home;

    /** Without --resume: the session's first two lines, then it hangs; with --resume: the finished session. */
    private Path fakeClaude() throws IOException {
        Path transcript = home.resolve("resumed.jsonl");
        try (InputStream in = getClass().getResourceAsStream(
                "/agents/claude-stream-sample-resumed-after-limit-2.1.197.jsonl")) {
            Files.copy(in, transcript, StandardCopyOption.REPLACE_EXISTING);
        }
        Path script = home.resolve("claude.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + home + "'/argv-$DOBBY_ATTEMPT\n"
                + "case \"$*\" in *--resume=*) cat '" + transcript + "' ;;\n"
                + "  *) head -n 2 '" + transcript + "'; exec sleep 60 ;; esac\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void aTimedOutSessionThatIsRetriedContinuesWhereItStopped() throws Exception {
        WorkerSettings worker = new WorkerSettings(System.getenv(), fakeClaude().toString(), "/nonexistent/codex",
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
            List<String> second = Files.readAllLines(home.resolve("argv-2"));
            assertThat(second).contains("--resume=" + SESSION);
            assertThat(second.getLast()).startsWith("You ran out of time before you finished.");
            assertThat(Files.readAllLines(home.resolve("argv-1"))).noneMatch(a -> a.startsWith("--resume"));
        }
    }
}
