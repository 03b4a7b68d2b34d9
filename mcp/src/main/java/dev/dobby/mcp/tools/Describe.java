package dev.dobby.mcp.tools;

import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.DetailStatus;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Stats;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The readable text of tool answers: compact, one fact per line, ids written as #N. */
final class Describe {
    private static final int LINE_DESCRIPTION = 100;

    private Describe() {
    }

    /** One line per task, for lists. */
    static String taskLine(Task t) {
        return "#" + t.id() + " [" + t.status().wire() + "] " + t.project() + " · " + t.backend().wire() + " · "
                + t.priority().wire() + " — " + shorten(t.description(), LINE_DESCRIPTION);
    }

    static String task(Task t) {
        Lines lines = new Lines();
        lines.add("Task #" + t.id() + ": " + t.status().wire()
                + (t.statusReason() == null ? "" : " (" + t.statusReason() + ")"));
        lines.add("Project: " + t.project() + "   Backend: " + t.backend().wire() + "   Priority: "
                + t.priority().wire() + "   Timeout: " + t.timeout() + " s");
        lines.add("Description: " + t.description());
        if (!t.dependsOn().isEmpty()) {
            lines.add("Waits for: " + ids(t.dependsOn()));
        }
        if (t.batchId() != null) {
            lines.add("Batch: #" + t.batchId());
        }
        if (t.targetSpoke() != null || !t.targetTags().isEmpty()) {
            lines.add("Runs on: " + (t.targetSpoke() != null ? "spoke " + t.targetSpoke() : "")
                    + (t.targetTags().isEmpty() ? "" : " tags " + String.join(", ", t.targetTags())));
        }
        if (t.worktree()) {
            lines.add("Runs in its own git worktree");
        }
        if (t.agent().model() != null) {
            lines.add("Model: " + t.agent().model());
        }
        lines.add("Attempts: " + t.attempts() + (t.worker() == null ? "" : "   Worker: " + t.worker())
                + (t.exitCode() == null ? "" : "   Exit code: " + t.exitCode()));
        lines.add("Created: " + t.createdAt()
                + (t.startedAt() == null ? "" : "   Started: " + t.startedAt())
                + (t.finishedAt() == null ? "" : "   Finished: " + t.finishedAt()));
        lines.add(nextStep(t));
        return lines.toString();
    }

    /** What a model can usefully do next with a task in this status. */
    static String nextStep(Task t) {
        long id = t.id();
        return switch (t.status()) {
            case DRAFT -> "Next: the draft waits for the user to review and approve it (in the dashboard or the "
                    + "desktop app); it will not run before that.";
            case PENDING -> "Next: queued; follow it with dobby_get_task or dobby_detail_status (task_id " + id + ").";
            case BLOCKED -> "Next: it starts once the tasks it waits for complete; if one of them failed, retry it "
                    + "with dobby_retry and cascade true.";
            case RUNNING -> "Next: follow its progress with dobby_detail_status (task_id " + id + ").";
            case COMPLETED -> "Next: read its outcome with dobby_results (task_id " + id + ").";
            case FAILED, TIMED_OUT, STALE, CANCELLED -> "Next: read what happened with dobby_results (task_id " + id
                    + "); queue it again with dobby_retry.";
        };
    }

    static String result(TaskResult r) {
        Lines lines = new Lines();
        lines.add("Result of task #" + r.taskId() + " (attempt " + r.attempt() + "): " + r.status().wire()
                + (r.exitCode() == null ? "" : ", exit code " + r.exitCode())
                + String.format(Locale.ROOT, ", %.1f s", r.durationSeconds())
                + (r.incomplete() ? " (the output ended before the agent reported a result)" : ""));
        if (r.rateLimited()) {
            lines.add("Stopped by a usage or rate limit"
                    + (r.rateLimitedUntil() == null ? "" : " that resets at " + r.rateLimitedUntil())
                    + "; retrying after that is likely to work.");
        }
        lines.add("Summary:");
        lines.add(r.summary() == null || r.summary().isBlank() ? "(no summary)" : r.summary().strip());
        if (!r.filesChanged().isEmpty()) {
            lines.add("Files changed: " + String.join(", ", r.filesChanged()));
        }
        if (r.branch() != null) {
            lines.add("Branch: " + r.branch() + (r.diffStat() == null ? "" : "   Diff: " + r.diffStat()));
        }
        String usage = usage(r.tokensIn(), r.tokensOut(), r.costUsd());
        if (!usage.isEmpty() || r.turns() != null) {
            lines.add(usage + (r.turns() == null ? "" : (usage.isEmpty() ? "" : "   ") + "Turns: " + r.turns()));
        }
        if (r.sessionId() != null) {
            lines.add("Agent session: " + r.sessionId());
        }
        if (r.artifactsDir() != null) {
            lines.add("Artifacts: " + r.artifactsDir());
        }
        return lines.toString();
    }

    static String resultLine(TaskResult r) {
        String summary = r.summary() == null || r.summary().isBlank() ? "(no summary)" : r.summary().strip();
        return "#" + r.taskId() + " [" + r.status().wire() + "] attempt " + r.attempt()
                + String.format(Locale.ROOT, ", %.1f s", r.durationSeconds())
                + (r.costUsd() == null ? "" : String.format(Locale.ROOT, ", $%.4f", r.costUsd()))
                + " — " + shorten(summary, LINE_DESCRIPTION);
    }

    static String detail(DetailStatus d) {
        Lines lines = new Lines();
        lines.add("Task #" + d.taskId() + ": " + d.status().wire()
                + (d.statusReason() == null ? "" : " (" + d.statusReason() + ")"));
        if (d.waitingReason() != null) {
            lines.add((d.stuck() ? "Can't run until someone acts: " : "Waiting: ") + d.waitingReason());
        }
        if (d.worker() != null || d.attempt() > 0) {
            lines.add("Attempt: " + d.attempt() + (d.worker() == null ? "" : " on " + d.worker())
                    + (d.startedAt() == null ? "" : ", started " + d.startedAt())
                    + (d.elapsedSeconds() == null ? "" : String.format(Locale.ROOT, ", %.0f s so far",
                    d.elapsedSeconds())));
        }
        if (d.currentStep() != null) {
            lines.add("Now: " + d.currentStep());
        }
        lines.add("Output lines: " + d.outputLines());
        if (d.lastOutput() != null && !d.lastOutput().isBlank()) {
            lines.add("Last output: " + shorten(d.lastOutput().strip(), 500));
        }
        if (!d.filesEdited().isEmpty()) {
            lines.add("Files edited: " + String.join(", ", d.filesEdited()));
        }
        if (!d.filesRead().isEmpty()) {
            lines.add("Files read: " + String.join(", ", d.filesRead()));
        }
        if (!d.tools().isEmpty()) {
            lines.add("Tool calls: " + new TreeMap<>(d.tools()).entrySet().stream()
                    .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", ")));
        }
        String usage = usage(d.tokensIn(), d.tokensOut(), d.costUsd());
        if (!usage.isEmpty()) {
            lines.add(usage);
        }
        return lines.toString();
    }

    static String stats(Stats s) {
        Lines lines = new Lines();
        lines.add("Tasks: " + s.tasks() + (s.byStatus().isEmpty() ? "" : " (" + counts(s.byStatus()) + ")"));
        new TreeMap<>(s.byProject()).forEach((project, counts) ->
                lines.add("  " + project + ": " + counts(counts)));
        lines.add(usage(s.tokensIn(), s.tokensOut(), s.costUsd()));
        if (s.avgDurationSeconds() != null) {
            lines.add(String.format(Locale.ROOT, "Average run time: %.1f s", s.avgDurationSeconds()));
        }
        return lines.toString();
    }

    static String project(Project p) {
        ProjectPolicy policy = p.policy();
        StringJoiner settings = new StringJoiner(", ");
        if (policy.defaultBackend() != null) {
            settings.add("backend " + policy.defaultBackend().wire());
        }
        if (policy.defaultPriority() != null) {
            settings.add("priority " + policy.defaultPriority().wire());
        }
        if (policy.defaultTimeout() != null) {
            settings.add("timeout " + policy.defaultTimeout() + " s");
        }
        settings.add("max " + policy.effectiveMaxConcurrent() + " at once");
        if (Boolean.TRUE.equals(policy.autoChain())) {
            settings.add("auto-chain");
        }
        return p.name() + " — " + p.path() + " (" + settings + ")"
                + (p.context() == null ? "" : "\n  Context: " + shorten(p.context().strip(), 300));
    }

    static String batch(BatchStatus b) {
        Lines lines = new Lines();
        lines.add("Batch #" + b.id() + (b.name() == null ? "" : " '" + b.name() + "'") + ": " + b.total()
                + " task(s), " + b.finished() + " finished");
        b.tasks().forEach(t -> lines.add("  " + taskLine(t)));
        return lines.toString();
    }

    private static String counts(Map<TaskStatus, ? extends Number> counts) {
        return new TreeMap<>(counts).entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().wire())
                .collect(Collectors.joining(", "));
    }

    private static String usage(Long tokensIn, Long tokensOut, Double costUsd) {
        StringJoiner usage = new StringJoiner("   ");
        if (tokensIn != null || tokensOut != null) {
            usage.add("Tokens: " + (tokensIn == null ? 0 : tokensIn) + " in, " + (tokensOut == null ? 0 : tokensOut)
                    + " out");
        }
        if (costUsd != null) {
            usage.add(String.format(Locale.ROOT, "Cost: $%.4f", costUsd));
        }
        return usage.toString();
    }

    private static String ids(List<Long> ids) {
        return ids.stream().map(id -> "#" + id).collect(Collectors.joining(", "));
    }

    static String shorten(String text, int max) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }

    /** Lines joined with newlines. */
    private static final class Lines {
        private final StringJoiner joiner = new StringJoiner("\n");

        void add(String line) {
            joiner.add(line);
        }

        @Override
        public String toString() {
            return joiner.toString();
        }
    }
}
