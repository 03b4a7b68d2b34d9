package dev.dobby.app.notify;

import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.UsageLimitNotice;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.SpokeChanged;
import dev.dobby.protocol.event.TaskCreated;
import dev.dobby.protocol.event.TaskFinished;
import dev.dobby.protocol.event.TaskStatusChanged;
import java.util.Optional;

/** Which hub events deserve a notice: a task completed or failed, a worker lost, a draft waiting for approval. */
public final class NoticeRules {
    private static final int SNIPPET = 140;

    private NoticeRules() {
    }

    public static Optional<Notice> noticeFor(HubEvent event) {
        return switch (event) {
            case TaskFinished finished -> finished(finished);
            case SpokeChanged changed when changed.spoke().state() == Spoke.State.LOST -> Optional.of(new Notice(
                    Notice.Kind.SPOKE_LOST, "Worker lost: " + changed.spoke().id(),
                    "No heartbeat within the lease; its tasks go back to the queue.", null, event.at()));
            case TaskCreated created when created.task().status() == TaskStatus.DRAFT -> Optional.of(new Notice(
                    Notice.Kind.DRAFT_WAITING, "Draft #" + created.task().id() + " awaits approval",
                    clip(created.task().description()), created.task().id(), event.at()));
            case TaskStatusChanged limited when UsageLimitNotice.of(limited).isPresent() -> quota(limited,
                    UsageLimitNotice.of(limited).get());
            case TaskStatusChanged moved when moved.to() == TaskStatus.DRAFT && moved.from() != TaskStatus.DRAFT ->
                    Optional.of(new Notice(Notice.Kind.DRAFT_WAITING, "Draft #" + moved.taskId() + " awaits approval",
                            moved.project(), moved.taskId(), event.at()));
            case dev.dobby.protocol.event.JobChanged job when job.job().state().isOver()
                    && job.job().endedAt() != null -> Optional.of(new Notice(
                    job.job().state() == dev.dobby.protocol.gpu.TrackedJob.State.FAILED ? Notice.Kind.TASK_FAILED
                            : Notice.Kind.TASK_COMPLETED,
                    "Job " + job.job().state().wire() + ": " + job.job().title(),
                    clip(job.job().logTail().isEmpty() ? job.job().detail() : job.job().logTail().getLast()),
                    job.job().taskId(), event.at()));
            default -> Optional.empty();
        };
    }

    /** An agent account ran out of quota (its task waits), or a waiting task resumed its session after the reset. */
    private static Optional<Notice> quota(TaskStatusChanged event, UsageLimitNotice notice) {
        if (notice == UsageLimitNotice.WAITING) {
            return Optional.of(new Notice(Notice.Kind.OUT_OF_QUOTA, "Out of quota: task #" + event.taskId() + " waits",
                    clip(event.reason()), event.taskId(), event.at()));
        }
        return Optional.of(new Notice(Notice.Kind.QUOTA_BACK, "Task #" + event.taskId() + " resumed its session",
                event.project() + ": the usage limit has reset", event.taskId(), event.at()));
    }

    private static Optional<Notice> finished(TaskFinished event) {
        TaskResult result = event.result();
        TaskStatus status = result.status();
        if (status == TaskStatus.COMPLETED) {
            return Optional.of(new Notice(Notice.Kind.TASK_COMPLETED, "Task #" + result.taskId() + " completed",
                    about(event, clip(result.summary())), result.taskId(), event.at(), event.project()));
        }
        if (status == TaskStatus.CANCELLED) {
            return Optional.empty();  // the user did that; telling them again is noise
        }
        return Optional.of(new Notice(Notice.Kind.TASK_FAILED,
                "Task #" + result.taskId() + " " + status.wire().replace('_', ' '),
                about(event, clip(result.summary())), result.taskId(), event.at(), event.project()));
    }

    /** "web: the summary", or just the project when the task left no summary (no dangling colon). */
    private static String about(TaskFinished event, String summary) {
        if (summary.isEmpty()) {
            return event.project() == null ? "" : event.project();
        }
        return project(event) + summary;
    }

    private static String project(TaskFinished event) {
        return event.project() == null ? "" : event.project() + ": ";
    }

    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        String line = dev.dobby.app.logs.Ansi.strip(text.replaceAll("\\s+", " ")).strip();
        return line.length() <= SNIPPET ? line : line.substring(0, SNIPPET - 1) + "…";
    }
}
