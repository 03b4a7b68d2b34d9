package dev.dobby.app.notify;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps frequent notices readable: tasks that end one after another (a one-minute schedule, a batch) become one
 * notice that counts them instead of replacing each other, and a muted project's task endings are not shown at all.
 * Problems that need a person (a lost worker, an exhausted quota) are never grouped or muted.
 */
public final class NoticeGroups {
    static final Duration WINDOW = Duration.ofMinutes(2);

    private final Set<String> muted = new HashSet<>();
    private Notice last;
    private int count;

    /** What to show for {@code next}, or nothing when its project is muted. */
    public Optional<Notice> add(Notice next) {
        boolean ending = next.kind() == Notice.Kind.TASK_COMPLETED || next.kind() == Notice.Kind.TASK_FAILED;
        if (ending && next.project() != null && muted.contains(next.project())) {
            return Optional.empty();
        }
        if (!ending) {
            return Optional.of(next);
        }
        if (last != null && last.kind() == next.kind() && java.util.Objects.equals(last.project(), next.project())
                && last.at() != null && next.at() != null
                && Duration.between(last.at(), next.at()).compareTo(WINDOW) <= 0) {
            count++;
        } else {
            count = 1;
        }
        last = next;
        if (count == 1) {
            return Optional.of(next);
        }
        String what = next.kind() == Notice.Kind.TASK_COMPLETED ? "completed" : "failed";
        return Optional.of(new Notice(next.kind(), count + " tasks " + what
                + (next.project() == null ? "" : " in " + next.project()),
                "latest #" + next.taskId() + (next.text() == null || next.text().isBlank() ? "" : " — " + next.text()),
                next.taskId(), next.at(), next.project()));
    }

    public void mute(String project) {
        muted.add(project);
    }

    public void unmute(String project) {
        muted.remove(project);
    }

    public Set<String> muted() {
        return Set.copyOf(muted);
    }
}
