package dev.dobby.slack;

import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPage;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.ApiException;
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

    public Conversation(HubApi hub, String hubUrl, SlackOut slack, Previews previews, StatusDigest digest,
                        CompletionNotifier notifier) {
        this.hub = hub;
        this.hubUrl = hubUrl;
        this.slack = slack;
        this.previews = previews;
        this.digest = digest;
        this.notifier = notifier;
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
                slack.post(m.channel(), m.thread(), answer(command.get()));
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
            List<String> known = projectNames();
            List<TaskRequest> tasks = ((Parsed.Submission) MessageParser.parse(m.text(), known)).tasks();
            Preview draft = new Preview(m.channel(), null, m.thread(), m.user(), tasks);
            String ts = slack.post(m.channel(), m.thread(), digest.preview(draft, known));
            if (ts != null) {
                previews.put(new Preview(m.channel(), ts, m.thread(), m.user(), tasks));
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
        Optional<Preview> pending = previews.inThread(m.channel(), m.threadTs());
        if (pending.isEmpty() || !asker(pending.get(), m.user())) {
            return;
        }
        try {
            edit(pending.get(), m);
        } catch (RuntimeException e) {
            slack.post(m.channel(), m.thread(), HubErrors.describe(e, hubUrl));
        }
    }

    public void onReaction(String channel, String itemTs, String reaction, String user) {
        if (!CONFIRM.contains(reaction) && !CANCEL.contains(reaction)) {
            return;
        }
        Optional<Preview> preview = previews.at(channel, itemTs);
        // Queuing work runs agents with the hub's permissions: only whoever asked for it decides.
        if (preview.isPresent() && !asker(preview.get(), user)) {
            slack.post(channel, preview.get().threadTs(), "Only <@" + preview.get().user()
                    + ">, who asked for this, can queue or drop it.");
            return;
        }
        if (CONFIRM.contains(reaction)) {
            preview.ifPresent(this::confirm);
        } else {
            previews.take(channel, itemTs).ifPresent(p -> {
                slack.update(p.channel(), p.ts(), ":x: Dropped — nothing was queued.");
                slack.post(p.channel(), p.threadTs(), "Dropped; nothing was queued.");
            });
        }
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
            List<Task> tasks = submit(preview.tasks());
            slack.update(preview.channel(), preview.ts(), digest.preview(preview, List.of())
                    .replaceFirst("^\\*[^*]+\\*[^\\n]*", ":white_check_mark: *Queued*"));
            slack.post(preview.channel(), preview.threadTs(), digest.queued(tasks));
            tasks.forEach(t -> notifier.watch(t, preview.channel(), preview.threadTs()));
        } catch (RuntimeException e) {
            // Keep the preview: once the hub is back, removing and adding the reaction tries again.
            previews.put(preview);
            slack.post(preview.channel(), preview.threadTs(), HubErrors.describe(e, hubUrl)
                    + " The preview is still open: react again once that is fixed.");
        }
    }

    private List<Task> submit(List<TaskRequest> tasks) {
        if (tasks.size() == 1) {
            TaskRequest t = tasks.getFirst();
            return List.of(hub.createTask(new NewTask(t.description(), t.project(), t.priority(), t.backend(),
                    null, null, null, null, null, null, null)));
        }
        List<NewBatch.Entry> entries = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            TaskRequest t = tasks.get(i);
            entries.add(new NewBatch.Entry("t" + (i + 1), t.description(), t.project(), t.priority(), t.backend(),
                    null, List.of(), null, null, null));
        }
        return hub.createBatch(new NewBatch("from Slack", entries)).tasks();
    }

    /** A reply in a preview's thread: its directives replace the preview's, and any text left replaces the description. */
    private void edit(Preview preview, Incoming m) {
        List<String> known = projectNames();
        List<TaskRequest> reply = MessageParser.tasks(MessageParser.plain(m.text()), known);
        List<TaskRequest> edited;
        if (reply.size() > 1) {
            edited = reply;
        } else {
            TaskRequest change = reply.getFirst();
            boolean newText = !change.description().isBlank() && preview.tasks().size() == 1;
            edited = preview.tasks().stream().map(t -> new TaskRequest(
                    newText ? change.description() : t.description(),
                    change.project() != null ? change.project() : t.project(),
                    change.priority() != null ? change.priority() : t.priority(),
                    change.backend() != null ? change.backend() : t.backend())).toList();
        }
        Preview updated = preview.withTasks(edited);
        previews.put(updated);
        slack.update(preview.channel(), preview.ts(), digest.preview(updated, known));
    }

    private List<String> projectNames() {
        return hub.projects().stream().map(Project::name).toList();
    }

    String answer(Command command) {
        return switch (command) {
            case Command.Help ignored -> StatusDigest.help();
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
            return "Unknown project '" + project + "' — known: " + String.join(", ", projectNames());
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
        return digest.summary(project, page.tasks(), page.total(), results, range);
    }
}
