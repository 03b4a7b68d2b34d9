package dev.dobby.slack;

import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.Schedule;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPage;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the bot does with a message or a reaction once Slack delivered it: answer a question, post a preview, edit
 * it, or queue its tasks. Every hub failure becomes a reply in the channel; nothing here throws.
 */
public final class Conversation {
    static final Set<String> CONFIRM = Set.of("white_check_mark", "heavy_check_mark");
    static final Set<String> CANCEL = Set.of("x");
    private static final int SUMMARY_RESULTS = StatusDigest.MAX_LINES;

    private final HubApi hub;
    private final String hubUrl;
    private final SlackOut slack;
    private final Previews previews;
    private final StatusDigest digest;
    private final CompletionNotifier notifier;
    private final Interpreter interpreter;
    private final Summaries summaries;
    private final Duration previewMaxAge;

    public Conversation(HubApi hub, String hubUrl, SlackOut slack, Previews previews, StatusDigest digest,
                        CompletionNotifier notifier, Interpreter interpreter, Summaries summaries,
                        Duration previewMaxAge) {
        this.hub = hub;
        this.hubUrl = hubUrl;
        this.slack = slack;
        this.previews = previews;
        this.digest = digest;
        this.notifier = notifier;
        this.interpreter = interpreter;
        this.summaries = summaries;
        this.previewMaxAge = previewMaxAge;
    }

    /** A message addressed to the bot: a mention, a direct message, or a reply in a preview's thread. */
    public record Incoming(String channel, String ts, String threadTs, String user, String text) {
        String thread() {
            return threadTs != null ? threadTs : ts;
        }
    }

    public void onMessage(Incoming m) {
        try {
            Optional<SessionRequest> session = SessionRequest.parse(MessageParser.plain(m.text()));
            if (session.isPresent()) {
                session.get().open(hub, slack, m.channel(), m.thread());
                return;
            }
            Optional<Command> command = MessageParser.command(MessageParser.plain(m.text()));
            if (command.isPresent()) {
                slack.postLong(m.channel(), m.thread(), answer(command.get()));
                return;
            }
            Optional<Preview> pending = previews.inThread(m.channel(), m.threadTs());
            if (pending.isPresent()) {
                if (asker(pending.get(), m.user())) {
                    edit(pending.get(), m);
                } else {
                    slack.post(m.channel(), m.thread(), "Only <@" + pending.get().user() + ">, who asked for this,"
                            + " can change it. For work of your own, mention me outside this thread.");
                }
                return;
            }
            List<Project> projects = hub.projects();
            Interpreter.Understanding understood = interpreter.read(m.text(), projects);
            Preview draft = new Preview(m.channel(), null, m.thread(), m.user(), List.of()).understood(understood);
            String ts = slack.post(m.channel(), m.thread(), digest.preview(draft, names(projects)));
            if (ts != null) {
                previews.put(draft.at(ts));
                slack.react(m.channel(), ts, "white_check_mark");
                slack.react(m.channel(), ts, "x");
            }
        } catch (RuntimeException e) {
            slack.post(m.channel(), m.thread(), HubErrors.describe(e, hubUrl));
        }
    }

    /**
     * A reply without a mention in some thread: it matters only under a preview, which it edits when it comes from
     * whoever asked. Others talking in the thread are just talking.
     */
    public void onThreadReply(Incoming m) {
        try {
            Optional<Preview> pending = previews.inThread(m.channel(), m.threadTs());
            if (pending.isEmpty() || !asker(pending.get(), m.user())) {
                return;
            }
            edit(pending.get(), m);
        } catch (RuntimeException e) {
            slack.post(m.channel(), m.thread(), HubErrors.describe(e, hubUrl));
        }
    }

    public void onReaction(String channel, String itemTs, String reaction, String user) {
        if (!CONFIRM.contains(reaction) && !CANCEL.contains(reaction)) {
            return;
        }
        try {
            Optional<Preview> preview = previews.at(channel, itemTs);
            if (preview.isEmpty()) {
                return;
            }
            Preview p = preview.get();
            // Queuing work runs agents with the hub's permissions: only whoever asked for it decides.
            if (!asker(p, user)) {
                slack.post(channel, p.threadTs(), "Only <@" + p.user() + ">, who asked for this, can queue or drop it.");
                return;
            }
            if (expired(p)) {
                previews.take(channel, itemTs).ifPresent(gone -> {
                    slack.update(channel, itemTs, ":hourglass: *Expired* — nothing was queued.");
                    slack.post(channel, p.threadTs(), "This preview is older than " + StatusDigest.span(previewMaxAge)
                            + ", so it has expired and nothing was queued. Ask me again if it is still wanted.");
                });
            } else if (CONFIRM.contains(reaction)) {
                confirm(p);
            } else {
                previews.take(channel, itemTs).ifPresent(gone -> {
                    slack.update(gone.channel(), gone.ts(), ":x: Dropped — nothing was queued.");
                    slack.post(gone.channel(), gone.threadTs(), "Dropped; nothing was queued.");
                });
            }
        } catch (RuntimeException e) {
            slack.post(channel, null, HubErrors.describe(e, hubUrl));
        }
    }

    private boolean expired(Preview p) {
        return p.createdAt() != null && p.createdAt().plus(previewMaxAge).isBefore(Instant.now());
    }

    private static boolean asker(Preview preview, String user) {
        return preview.user() == null || preview.user().equals(user);
    }

    private void confirm(Preview preview) {
        if (preview.missingProject() || preview.missingDescription()) {
            slack.post(preview.channel(), preview.threadTs(), preview.missingProject()
                    ? "I need a project first: reply in this thread with its name, then react again."
                    : "I need a description first: reply in this thread with what to do, then react again.");
            return;
        }
        Optional<Preview> taken = previews.take(preview.channel(), preview.ts());
        if (taken.isEmpty()) {
            return;
        }
        try {
            Submitted submitted = submit(preview.tasks());
            // The thread is recorded first: a bot stopped right after saying "Queued" still reports the end there.
            String name = slack.userName(preview.user());
            submitted.tasks().forEach(t -> notifier.watch(t, preview.channel(), preview.threadTs(), preview.user(), name));
            slack.update(preview.channel(), preview.ts(), digest.preview(preview, List.of())
                    .replaceFirst("^\\*[^*]+\\*[^\\n]*", ":white_check_mark: *Queued*"));
            slack.post(preview.channel(), preview.threadTs(), digest.queued(submitted.tasks(), submitted.schedules())
                    + (name == null ? "" : "\nAsked by " + StatusDigest.quoteSafe(name) + "."));
        } catch (RuntimeException e) {
            // Keep the preview: once the hub is back, removing and adding the reaction tries again.
            previews.put(preview);
            slack.post(preview.channel(), preview.threadTs(), HubErrors.describe(e, hubUrl)
                    + " The preview is still open: react again once that is fixed.");
        }
    }

    record Submitted(List<Task> tasks, List<Schedule> schedules) {
    }

    /**
     * Plain tasks go as one batch, all or none. Drafts, schedules and tasks that wait for others are created one by
     * one (a batch has no room for them).
     */
    private Submitted submit(List<TaskRequest> tasks) {
        boolean plain = tasks.stream().allMatch(t -> !t.draft() && !t.scheduled() && t.after().isEmpty()
                && t.worker() == null && t.tags().isEmpty());
        if (tasks.size() > 1 && plain) {
            List<NewBatch.Entry> entries = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                TaskRequest t = tasks.get(i);
                entries.add(new NewBatch.Entry("t" + (i + 1), t.description(), t.project(), t.priority(), t.backend(),
                        null, List.of(), null, null, null));
            }
            return new Submitted(hub.createBatch(new NewBatch("from Slack", entries)).tasks(), List.of());
        }
        List<Task> created = new ArrayList<>();
        List<Schedule> schedules = new ArrayList<>();
        for (TaskRequest t : tasks) {
            NewTask request = new NewTask(t.description(), t.project(), t.priority(), t.backend(), null,
                    t.after().isEmpty() ? null : t.after(), t.worker(), t.tags().isEmpty() ? null : t.tags(), null,
                    t.draft() ? Boolean.TRUE : null, null, t.cron(), t.every());
            if (request.isSchedule()) {
                schedules.add(hub.createSchedule(request));
            } else {
                created.add(hub.createTask(request));
            }
        }
        return new Submitted(created, schedules);
    }

    /** A reply in a preview's thread: read the same way as a request, and the preview edited in place. */
    private void edit(Preview preview, Incoming m) {
        List<Project> projects = hub.projects();
        Preview updated = preview.understood(interpreter.edit(preview.tasks(), m.text(), projects));
        previews.put(updated);
        slack.update(preview.channel(), preview.ts(), digest.preview(updated, names(projects)));
    }

    private static List<String> names(List<Project> projects) {
        return projects.stream().map(Project::name).toList();
    }

    String answer(Command command) {
        return switch (command) {
            case Command.Help ignored -> StatusDigest.help(interpreter.hasAssistant());
            case Command.Projects ignored -> digest.projects(hub.projects());
            case Command.Running ignored -> {
                TaskPage page = hub.listTasks(TaskQuery.all().withStatuses(List.of(TaskStatus.RUNNING)).withPage(100, 0));
                yield digest.running(page.tasks());
            }
            case Command.Status status -> {
                TaskPage page = hub.listTasks(TaskQuery.all().withSince(Instant.now().minus(status.range()))
                        .withPage(100, 0));
                yield digest.status(page.tasks(), page.total(), status.range());
            }
            case Command.Summary summary -> summary(summary.project(), summary.range());
        };
    }

    private String summary(String project, Duration range) {
        if (project != null && hub.projects().stream().noneMatch(p -> p.name().equals(project))) {
            List<String> close = Names.closest(project, names(hub.projects()));
            return "Unknown project '" + project + "'" + (close.isEmpty() ? "" : " — did you mean " + String.join(", ", close) + "?")
                    + " Known: " + String.join(", ", names(hub.projects()));
        }
        TaskQuery query = TaskQuery.all().withSince(Instant.now().minus(range)).withPage(200, 0);
        TaskPage page = hub.listTasks(project == null ? query : query.withProject(project));
        Map<Long, TaskResult> results = new LinkedHashMap<>();
        page.tasks().stream().filter(t -> t.status().isTerminal()).limit(SUMMARY_RESULTS).forEach(t -> {
            try {
                results.put(t.id(), hub.result(t.id()));
            } catch (ApiException noResult) {
                // cancelled before it ran
            }
        });
        return summaries.write(project, page.tasks(), page.total(), results, range)
                .orElseGet(() -> digest.summary(project, page.tasks(), page.total(), results, range));
    }
}
