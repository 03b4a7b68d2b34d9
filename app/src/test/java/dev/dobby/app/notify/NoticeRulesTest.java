package dev.dobby.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.SpokeChanged;
import dev.dobby.protocol.event.TaskCreated;
import dev.dobby.protocol.event.TaskFinished;
import dev.dobby.protocol.event.TaskStatusChanged;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticeRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static TaskFinished finished(TaskStatus status, String summary) {
        return new TaskFinished(5, NOW, "web", new TaskResult(9, 1, status, summary, 0, 1.5, null, List.of(), null,
                null, null, null, null, null, null, null, false, null, false, NOW));
    }

    @Test
    void completionsAndFailuresAreAnnouncedButCancellationsAreNot() {
        assertThat(NoticeRules.noticeFor(finished(TaskStatus.COMPLETED, "\u001b[32mall\n  green\u001b[0m")))
                .contains(new Notice(Notice.Kind.TASK_COMPLETED, "Task #9 completed", "web: all green", 9L, NOW, "web"));
        assertThat(NoticeRules.noticeFor(finished(TaskStatus.TIMED_OUT, "x")).orElseThrow())
                .extracting(Notice::kind, Notice::title).containsExactly(Notice.Kind.TASK_FAILED, "Task #9 timed out");
        assertThat(NoticeRules.noticeFor(finished(TaskStatus.CANCELLED, "x"))).isEmpty();
        assertThat(NoticeRules.noticeFor(finished(TaskStatus.COMPLETED, "y".repeat(500))).orElseThrow().text())
                .hasSize("web: ".length() + 140).endsWith("…");
    }

    @Test
    void lostSpokesAndWaitingDraftsAreAnnounced() {
        Spoke lost = new Spoke("gpu-1", Spoke.State.LOST, false, null, NOW, NOW, List.of());
        assertThat(NoticeRules.noticeFor(new SpokeChanged(1, NOW, lost)).orElseThrow().kind())
                .isEqualTo(Notice.Kind.SPOKE_LOST);
        Spoke online = new Spoke("gpu-1", Spoke.State.ONLINE, false, null, NOW, NOW, List.of());
        assertThat(NoticeRules.noticeFor(new SpokeChanged(2, NOW, online))).isEmpty();

        Task draft = new Task(3, "refactor", "web", Backend.CLAUDE, Priority.NORMAL, TaskStatus.DRAFT, null, 60,
                List.of(), null, null, List.of(), false, null, 0, null, null, NOW, NOW, null, null, null, null,
                null, null, false, null);
        assertThat(NoticeRules.noticeFor(new TaskCreated(3, NOW, draft)).orElseThrow())
                .extracting(Notice::kind, Notice::title).containsExactly(Notice.Kind.DRAFT_WAITING,
                        "Draft #3 awaits approval");
        assertThat(NoticeRules.noticeFor(new TaskStatusChanged(4, NOW, 3, "web", TaskStatus.DRAFT,
                TaskStatus.PENDING, null, null, 0))).isEmpty();
    }

    @Test
    void anAccountOutOfQuotaAndItsTaskResumingAreAnnounced() {
        TaskStatusChanged waiting = new TaskStatusChanged(7, NOW, 4, "web", TaskStatus.RUNNING, TaskStatus.PENDING,
                "usage limit of local/claude — resumes at 14:05", "local", 1);
        assertThat(NoticeRules.noticeFor(waiting)).contains(new Notice(Notice.Kind.OUT_OF_QUOTA,
                "Out of quota: task #4 waits", "usage limit of local/claude — resumes at 14:05", 4L, NOW));
        assertThat(Notice.Kind.OUT_OF_QUOTA.bad()).isTrue();

        TaskStatusChanged resumed = new TaskStatusChanged(8, NOW, 4, "web", TaskStatus.PENDING, TaskStatus.RUNNING,
                "resuming session abc of attempt 1", "local", 2);
        assertThat(NoticeRules.noticeFor(resumed).orElseThrow()).extracting(Notice::kind, Notice::title)
                .containsExactly(Notice.Kind.QUOTA_BACK, "Task #4 resumed its session");

        TaskStatusChanged queued = new TaskStatusChanged(9, NOW, 5, "web", TaskStatus.RUNNING, TaskStatus.PENDING,
                "worker gpu-1 stopped answering; queued again", "gpu-1", 1);
        assertThat(NoticeRules.noticeFor(queued)).isEmpty();
    }
}
