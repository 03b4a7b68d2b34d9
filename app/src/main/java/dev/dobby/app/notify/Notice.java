package dev.dobby.app.notify;

import java.time.Instant;

/** Something worth telling the user even when the window is hidden. */
public record Notice(Kind kind, String title, String text, Long taskId, Instant at, String project) {

    /** A notice about no project in particular. */
    public Notice(Kind kind, String title, String text, Long taskId, Instant at) {
        this(kind, title, text, taskId, at, null);
    }

    public enum Kind {
        TASK_COMPLETED, TASK_FAILED, SPOKE_LOST, DRAFT_WAITING, OUT_OF_QUOTA, QUOTA_BACK;

        public boolean bad() {
            return this == TASK_FAILED || this == SPOKE_LOST || this == OUT_OF_QUOTA;
        }
    }
}
