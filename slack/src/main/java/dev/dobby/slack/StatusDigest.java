package dev.dobby.slack;

import dev.dobby.protocol.Project;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The bot's replies, as Slack mrkdwn. Pure formatting: the data comes from the hub. */
public final class StatusDigest {
    static final int MAX_LINES = 25;
    private static final int SUMMARY_CHARS = 160;

    private final Links links;

    public StatusDigest(Links links) {
        this.links = links;
    }

    public String status(List<Task> tasks, long total, Duration range) {
        if (tasks.isEmpty()) {
            return "No tasks in the last " + span(range) + ".";
        }
        StringBuilder out = new StringBuilder("*Tasks in the last " + span(range) + "* — " + counts(tasks, total) + "\n");
        tasks.stream().limit(MAX_LINES).forEach(t -> out.append("• ").append(oneLine(t)).append('\n'));
        more(out, tasks.size(), total);
        return out.toString().strip();
    }

    /**
     * A digest without a language model: counts by status, one line per task with the start of its result, and what
     * the finished attempts used.
     */
    public String summary(String project, List<Task> tasks, long total, Map<Long, TaskResult> results, Duration range) {
        String scope = (project == null ? "all projects" : "`" + project + "`") + ", last " + span(range);
        if (tasks.isEmpty()) {
            return "*Summary* (" + scope + "): no tasks.";
        }
        StringBuilder out = new StringBuilder("*Summary* (" + scope + ")\n" + counts(tasks, total) + "\n");
        long tokensIn = 0;
        long tokensOut = 0;
        double cost = 0;
        for (TaskResult r : results.values()) {
            tokensIn += r.tokensIn() == null ? 0 : r.tokensIn();
            tokensOut += r.tokensOut() == null ? 0 : r.tokensOut();
            cost += r.costUsd() == null ? 0 : r.costUsd();
        }
        for (Task t : tasks.stream().limit(MAX_LINES).toList()) {
            out.append("• ").append(oneLine(t));
            TaskResult r = results.get(t.id());
            if (r != null && r.summary() != null && !r.summary().isBlank()) {
                out.append("\n    ↳ ").append(quoteSafe(shorten(r.summary(), SUMMARY_CHARS)));
            }
            out.append('\n');
        }
        more(out, tasks.size(), total);
        out.append(String.format(Locale.ROOT, "Used: %,d tokens in, %,d out, $%.2f", tokensIn, tokensOut, cost));
        return out.toString().strip();
    }

    public String running(List<Task> tasks) {
        if (tasks.isEmpty()) {
            return "Nothing is running right now.";
        }
        StringBuilder out = new StringBuilder("*Running now* (" + tasks.size() + ")\n");
        Instant now = Instant.now();
        for (Task t : tasks.stream().limit(MAX_LINES).toList()) {
            out.append("• ").append(links.task(t.id())).append(" `").append(t.project()).append("` ")
                    .append(quoteSafe(shorten(t.description(), 80)));
            if (t.startedAt() != null) {
                out.append(" — for ").append(span(Duration.between(t.startedAt(), now)));
            }
            if (t.worker() != null) {
                out.append(" on ").append(t.worker());
            }
            out.append('\n');
        }
        return out.toString().strip();
    }

    public String projects(List<Project> projects) {
        if (projects.isEmpty()) {
            return "No projects yet: register one with `dobby register NAME PATH`.";
        }
        StringBuilder out = new StringBuilder("*Projects* (" + projects.size() + ")\n");
        for (Project p : projects) {
            out.append("• `").append(p.name()).append("` ").append(p.path());
            if (p.policy().defaultBackend() != null) {
                out.append(" — ").append(p.policy().defaultBackend().wire());
            }
            out.append('\n');
        }
        return out.toString().strip();
    }

    public static String help(boolean assistant) {
        return String.join("\n",
                "*Dobby* queues work for coding agents. Mention me with what to do, in your own words:",
                "• `@Dobby the login page 500s on Safari, look at it in spare, it's urgent` — one task; say the priority,"
                        + " `using codex|claude|shell`, `just plan it` (a draft), `after #12`, `every night at 3`,"
                        + " `on worker gpu-01` or `on a gpu worker` as you like",
                "• a list (`-`, `*`, `•` or `1.` per line), or `… and also …`, queues several tasks",
                "I post a preview first: react :white_check_mark: to queue it, :x: to drop it, or reply in the thread to"
                        + " change it (`make it high priority`, `use codex`). I report in the thread when the tasks end.",
                "Questions:",
                "• `status` or `status 12h` — tasks of the last 4 hours (or the range you give), plain facts",
                "• `summary`, `summary spare 24h` — what was done, what failed and why, what waits (last 12 hours by"
                        + " default)" + (assistant ? ", written by a language model from the results" : ", a digest of the results"),
                "• `running` — what runs now · `projects` — registered projects · `help` — this text",
                assistant ? "I read requests with a language model and check what it understood against the hub; the"
                        + " preview says which way I read yours."
                        : "No language model is configured, so I read requests by fixed rules: name the project as it"
                        + " is registered.");
    }

    public String preview(Preview preview, Collection<String> known) {
        StringBuilder out = new StringBuilder();
        List<TaskRequest> tasks = preview.tasks();
        out.append(tasks.size() == 1 ? "*New task* — react :white_check_mark: to queue it, :x: to drop it, or reply"
                + " in this thread to change it.\n"
                : "*" + tasks.size() + " new tasks* — react :white_check_mark: to queue them, :x: to"
                        + " drop them, or reply in this thread to change them.\n");
        for (TaskRequest t : tasks) {
            String indent = tasks.size() == 1 ? "" : "   ";
            out.append(tasks.size() == 1 ? "" : "• ")
                    .append("*Project:* ").append(t.project() == null ? "_which one?_" : "`" + t.project() + "`")
                    .append("  *Priority:* ").append(t.priority() == null ? "project default" : t.priority().wire())
                    .append("  *Backend:* ").append(t.backend() == null ? "project default" : t.backend().wire());
            if (t.draft()) {
                out.append("  *Draft:* waits for approval");
            }
            out.append("\n");
            List<String> extras = new java.util.ArrayList<>();
            if (!t.after().isEmpty()) {
                extras.add("*After:* " + t.after().stream().map(id -> "#" + id).collect(Collectors.joining(", ")));
            }
            if (t.cron() != null) {
                extras.add("*Schedule:* cron `" + t.cron() + "` (hub time)");
            } else if (t.every() != null) {
                extras.add("*Schedule:* every " + t.every());
            }
            if (t.worker() != null) {
                extras.add("*Worker:* " + t.worker());
            }
            if (!t.tags().isEmpty()) {
                extras.add("*Tags:* " + String.join(", ", t.tags()));
            }
            if (!extras.isEmpty()) {
                out.append(indent).append(String.join("  ", extras)).append('\n');
            }
            out.append(indent).append("*Description:* ")
                    .append(t.description().isBlank() ? "_missing_" : quoteSafe(t.description())).append('\n');
        }
        if (preview.missingProject()) {
            String unknown = preview.unknownProject();
            List<String> close = Names.closest(unknown, known);
            out.append(":question: Which project? ");
            if (unknown != null) {
                out.append("I know no project '").append(quoteSafe(unknown)).append("'");
                out.append(close.isEmpty() ? ". " : " — did you mean " + close.stream().map(c -> "`" + c + "`")
                        .collect(Collectors.joining(" or ")) + "? ");
            }
            out.append("Reply in this thread with its name. Known: ")
                    .append(known.isEmpty() ? "none registered yet" : String.join(", ", known)).append('\n');
        }
        if (preview.missingDescription()) {
            out.append(":question: What should the agent do? Reply in this thread with the description.\n");
        }
        out.append("_Understood ").append(Interpreter.RULES.equals(preview.by()) ? "by fixed rules"
                : "by " + preview.by()).append("_");
        return out.toString().strip();
    }

    public String queued(List<Task> tasks) {
        return queued(tasks, List.of());
    }

    public String queued(List<Task> tasks, List<dev.dobby.protocol.Schedule> schedules) {
        List<String> lines = new java.util.ArrayList<>();
        if (tasks.size() == 1) {
            Task t = tasks.getFirst();
            lines.add(":white_check_mark: " + (t.status() == TaskStatus.DRAFT ? "Drafted" : "Queued") + " task "
                    + links.task(t.id()) + " in `" + t.project() + "` (" + t.priority().wire() + ", "
                    + t.backend().wire() + (t.status() == TaskStatus.DRAFT ? ", waits for approval" : "") + ") — "
                    + links.taskUrl(t.id()));
        } else if (!tasks.isEmpty()) {
            lines.add(":white_check_mark: Queued " + tasks.size() + " tasks: " + tasks.stream().map(t -> links.task(t.id()))
                    .collect(Collectors.joining(", ")));
        }
        for (dev.dobby.protocol.Schedule s : schedules) {
            lines.add(":calendar: Scheduled in `" + s.project() + "`: " + (s.cron() != null ? "cron `" + s.cron() + "`"
                    : "every " + s.every()) + " — schedule " + s.id() + " (`dobby schedules cancel " + s.id()
                    + "` stops it)");
        }
        return String.join("\n", lines);
    }

    public String ended(Task task, TaskResult result) {
        String icon = task.status() == TaskStatus.COMPLETED ? ":white_check_mark:" : ":x:";
        StringBuilder out = new StringBuilder(icon + " Task " + links.task(task.id()) + " "
                + task.status().wire().replace('_', ' '));
        if (task.statusReason() != null && task.status() != TaskStatus.COMPLETED) {
            out.append(" (").append(task.statusReason()).append(')');
        }
        if (result != null) {
            out.append(" in ").append(span(Duration.ofMillis((long) (result.durationSeconds() * 1000))));
            if (result.costUsd() != null && result.costUsd() > 0) {
                out.append(String.format(Locale.ROOT, ", $%.2f", result.costUsd()));
            }
            if (result.tokensIn() != null || result.tokensOut() != null) {
                out.append(String.format(Locale.ROOT, ", %,d tokens", nz(result.tokensIn()) + nz(result.tokensOut())));
            }
            if (result.summary() != null && !result.summary().isBlank()) {
                out.append("\n>").append(quoteSafe(shorten(result.summary(), 600)).replace("\n", "\n>"));
            }
        }
        return out.toString();
    }

    private String oneLine(Task t) {
        return links.task(t.id()) + " `" + t.project() + "` " + t.status().wire().replace('_', ' ') + " — "
                + quoteSafe(shorten(t.description(), 80));
    }

    private static String counts(List<Task> tasks, long total) {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        tasks.forEach(t -> counts.merge(t.status(), 1L, Long::sum));
        String byStatus = counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().wire().replace('_', ' '))
                .collect(Collectors.joining(", "));
        return total + (total == 1 ? " task: " : " tasks: ") + byStatus
                + (total > tasks.size() ? " (among the latest " + tasks.size() + ")" : "");
    }

    private static void more(StringBuilder out, int shown, long total) {
        long hidden = total - Math.min(shown, MAX_LINES);
        if (hidden > 0) {
            out.append("…and ").append(hidden).append(" more (see the dashboard)\n");
        }
    }

    static String span(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return Math.max(0, d.toSeconds()) + "s";
        }
        if (minutes < 60) {
            return minutes + "m";
        }
        if (minutes % (60 * 24) == 0 && minutes > 2 * 60 * 24) {
            return minutes / (60 * 24) + "d";
        }
        if (minutes % 60 == 0 || minutes >= 600) {
            return minutes / 60 + "h";
        }
        return minutes / 60 + "h" + minutes % 60 + "m";
    }

    static String shorten(String s, int max) {
        String one = s.strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    /** Descriptions go back to Slack as written; only Slack's three control characters are escaped. */
    static String quoteSafe(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }
}
