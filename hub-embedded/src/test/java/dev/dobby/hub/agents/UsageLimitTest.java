package dev.dobby.hub.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.FakeWorker;
import dev.dobby.hub.testing.SteppedClock;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.hub.testing.WebhookReceiver;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.UsageWindow;
import dev.dobby.protocol.work.Assignment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscription login runs out of quota mid-task: the task does not fail and uses up no retry; it waits for the
 * reset while other backends (and other accounts) keep running, then resumes the same Claude Code session. The
 * fake `claude` replays the real CLI's transcripts of exactly that: a session rejected by its 5-hour limit, and the
 * same session continued with --resume.
 */
class UsageLimitTest {
    private static final String SESSION = "15459f00-aecc-4b8d-88bd-614acdde6b7c";
    private static final Instant RESETS = Instant.ofEpochSecond(1796185018);

    @TempDir
    Path home;
    final SteppedClock clock = SteppedClock.running(RESETS.minus(Duration.ofHours(2)));

    /** First run: the rejected session (exit 1); a run with --resume: the session continued (exit 0). */
    private Path fakeClaude() throws IOException {
        Path rejected = copy("claude-stream-sample-oauth-limit-rejected-2.1.197.jsonl");
        Path resumed = copy("claude-stream-sample-resumed-after-limit-2.1.197.jsonl");
        Path script = home.resolve("claude.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "n=$(ls '" + home + "' | grep -c \"^argv-$DOBBY_TASK_ID-\")\n"
                + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + home + "'/argv-$DOBBY_TASK_ID-$((n+1))\n"
                + "case \"$*\" in *--resume=*) cat '" + resumed + "' ;; *) cat '" + rejected + "'; exit 1 ;; esac\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private Path copy(String fixture) throws IOException {
        Path file = home.resolve(fixture);
        try (InputStream in = getClass().getResourceAsStream("/agents/" + fixture)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private final WebhookReceiver webhooks = new WebhookReceiver();

    @AfterEach
    void closeReceiver() {
        webhooks.close();
    }

    private Path fakeCodex() throws IOException {
        Path transcript = copy("codex-exec-sample-0.169.0.jsonl");
        Path script = home.resolve("codex.sh");
        Files.writeString(script, "#!/bin/sh\ncat '" + transcript + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private TestHub hub() throws IOException {
        WorkerSettings worker = new WorkerSettings(System.getenv(), fakeClaude().toString(),
                fakeCodex().toString(), PriceTable.EMPTY, Duration.ofDays(1));
        return TestHub.start(home.resolve("hub"), c -> c.withWebhook(webhooks.url("/hook"), true),
                b -> b.worker(worker).clock(clock));
    }

    private List<String> argv(long taskId, int run) throws IOException {
        return Files.readAllLines(home.resolve("argv-" + taskId + "-" + run));
    }

    @Test
    void aLimitedTaskWaitsForTheResetThenResumesTheSameSessionWhileOtherWorkRuns() throws Exception {
        try (TestHub hub = hub()) {
            hub.project("app");
            Task task = hub.api().createTask(NewTask.of("create hello.txt", "app").withBackend(Backend.CLAUDE));

            Task waiting = Await.until(() -> hub.api().getTask(task.id()),
                    t -> t.status() == TaskStatus.PENDING && t.attempts() == 1, Duration.ofSeconds(20),
                    "the limited task to wait");
            String resumesAt = DateTimeFormatter.ofPattern("HH:mm")
                    .format(RESETS.plusSeconds(30).atZone(ZoneId.systemDefault()));
            assertThat(waiting.statusReason()).isEqualTo("usage limit of local/claude — resumes at " + resumesAt);
            assertThat(hub.api().detailStatus(task.id()).waitingReason())
                    .isEqualTo("usage limit of local/claude — resumes at " + resumesAt);
            assertThat(hub.api().usage()).anySatisfy(w -> {
                assertThat(w.account()).isEqualTo("local/claude");
                assertThat(w.status()).isEqualTo("rejected");
                assertThat(w.resetsAt()).isEqualTo(RESETS);
            });
            assertThat(hub.api().usage()).anySatisfy(w -> {
                assertThat(w.window()).isEqualTo(UsageWindow.LOGIN);
                assertThat(w.status()).isEqualTo(UsageWindow.SUBSCRIPTION);
            });

            // Other backends keep running on the same worker meanwhile.
            Task shell = hub.shell("app", "echo still working");
            assertThat(hub.awaitEnd(shell.id(), Duration.ofSeconds(20)).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(hub.api().getTask(task.id()).status()).isEqualTo(TaskStatus.PENDING);

            clock.set(RESETS.plusSeconds(31));
            Task done = hub.awaitEnd(task.id(), Duration.ofSeconds(30));
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(argv(task.id(), 1)).noneMatch(a -> a.startsWith("--resume"));
            assertThat(argv(task.id(), 2)).contains("--resume=" + SESSION);
            assertThat(argv(task.id(), 2).getLast()).startsWith("Your usage limit has reset.");

            // Waiting, the shell task's end, resuming, the end.
            Await.until(() -> webhooks.calls().size() >= 4, Duration.ofSeconds(20), "four webhook calls");
            assertThat(webhooks.calls()).extracting(call -> call.json().path("event").asText())
                    .containsExactlyInAnyOrder("task.waiting_for_limit", "task.completed", "task.resumed",
                            "task.completed");
            assertThat(webhooks.calls()).filteredOn(c -> c.json().path("event").asText().equals("task.waiting_for_limit"))
                    .singleElement().satisfies(c -> assertThat(c.json().path("reason").asText())
                            .isEqualTo("usage limit of local/claude — resumes at " + resumesAt));

            TaskResult result = hub.api().result(task.id());
            assertThat(result.sessionId()).isEqualTo(SESSION);
            // The rejected run cost nothing and wrote nothing; the sum is the resumed run's figures.
            assertThat(result.costUsd()).as("both attempts' cost").isEqualTo(0.00147);
            assertThat(result.tokensOut()).isEqualTo(50);
            assertThat(result.attempt()).isEqualTo(2);
        }
    }

    @Test
    void aProjectWithAFallbackBackendRunsTheTaskWithItInsteadOfWaiting() throws Exception {
        try (TestHub hub = hub()) {
            hub.project("app");
            hub.api().updateProject("app", ProjectPolicy.fallback(Backend.CODEX));
            Task task = hub.api().createTask(NewTask.of("create hello.txt", "app").withBackend(Backend.CLAUDE));
            Task done = hub.awaitEnd(task.id(), Duration.ofSeconds(30));
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.backend()).isEqualTo(Backend.CODEX);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(hub.api().result(task.id()).sessionId()).isEqualTo("01a20af7-fffb-7d40-86dc-75c1359f4742");
        }
    }

    @Test
    void anotherAccountTakesTheWaitingTaskAndStartsItAfresh() throws Exception {
        try (TestHub hub = hub()) {
            hub.project("app");
            Task task = hub.api().createTask(NewTask.of("create hello.txt", "app").withBackend(Backend.CLAUDE));
            Await.until(() -> hub.api().getTask(task.id()), t -> t.status() == TaskStatus.PENDING && t.attempts() == 1,
                    Duration.ofSeconds(20), "the limited task to wait");

            FakeWorker other = new FakeWorker(hub.hub().work(), "gpu-1", List.of(Backend.CLAUDE), List.of(), 1);
            Assignment assignment = other.take();
            assertThat(assignment.taskId()).isEqualTo(task.id());
            assertThat(assignment.agent() == null ? null : assignment.agent().resumeSession()).isNull();
            assertThat(assignment.description()).isEqualTo("create hello.txt");
            assertThat(hub.api().getTask(task.id()).statusReason())
                    .isEqualTo("starting afresh on gpu-1: the session of attempt 1 (" + SESSION
                            + ") can only be resumed on local");
        }
    }
}
