package dev.dobby.app.tasks;

import dev.dobby.protocol.TaskStatus;
import java.util.List;

/**
 * The one look of a task status in every view: a badge whose colour tells the state apart from its neighbours
 * (pending, blocked and draft differ; failed and timed out differ), the same palette as the web dashboard.
 */
public final class StatusBadges {
    private StatusBadges() {
    }

    /** "timed out", "running", … */
    public static String label(TaskStatus status) {
        return status.wire().replace('_', ' ');
    }

    public static List<String> styleClasses(TaskStatus status) {
        return List.of("label", "status-badge", "status-" + status.wire());
    }
}
