package dev.dobby.hub.core;

import dev.dobby.hub.store.ReadTx;
import dev.dobby.hub.store.SpokeRecord;
import dev.dobby.hub.store.Store;
import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.NewSession;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.Session;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.util.List;

/**
 * Remote Control sessions: each one is a task of backend {@code session} whose description is the session's
 * name, so it is dispatched, supervised, cancelled, timed out and leased like any agent. What the user needs to
 * open it — the link — is read from what the CLI printed, which the task's log already holds.
 */
public final class SessionCommands {
    static final int MAX_NAME = 100;
    private static final int LIST_LIMIT = 100;
    /** Sessions print a handful of lines; the link is among the first ones. */
    private static final int LINES_READ = 500;

    private final Store store;
    private final TaskCommands tasks;
    private final WorkerRegistry workers;

    public SessionCommands(Store store, TaskCommands tasks, WorkerRegistry workers) {
        this.store = store;
        this.tasks = tasks;
        this.workers = workers;
    }

    public Session open(NewSession request) {
        if (request == null) {
            throw ApiException.badRequest("a session needs a JSON body with at least project");
        }
        String projectName = Validate.name(request.project(), "project");
        Project project = store.read(tx -> tx.project(projectName)).orElseThrow(() -> ApiException.notFound(
                "project '" + projectName + "' is not registered; register it first (dobby register PATH --name "
                        + projectName + ")"));
        String name = name(request.name(), projectName);
        String target = request.targetSpoke() == null ? null : Validate.name(request.targetSpoke(), "target_spoke");
        List<String> tags = Validate.names(request.targetTags(), "target_tags");
        requireAbleWorker(project, target, tags);
        AgentOptions agent = request.permissionMode() == null ? null : new AgentOptions(null,
                request.permissionMode(), null, null, null, null, null, null, null, null, null);
        int timeout = request.timeout() == null ? NewSession.DEFAULT_TIMEOUT : request.timeout();
        Task task = tasks.create(new NewTask(name, projectName, Priority.URGENT, Backend.SESSION, timeout, null,
                target, tags, Boolean.TRUE.equals(request.worktree()), false, agent));
        return view(task);
    }

    public List<Session> list(boolean activeOnly) {
        return store.read(tx -> tx.sessionTasks(activeOnly, LIST_LIMIT).stream().map(t -> view(tx, t)).toList());
    }

    public Session get(long id) {
        return store.read(tx -> {
            Task task = tx.task(id).filter(t -> t.backend() == Backend.SESSION)
                    .orElseThrow(() -> ApiException.notFound("no session " + id));
            return view(tx, task);
        });
    }

    private Session view(Task task) {
        return store.read(tx -> view(tx, task));
    }

    private static Session view(ReadTx tx, Task task) {
        String link = null;
        String latest = null;
        for (LogLine line : tx.logs(task.id(), 0, LINES_READ).lines()) {
            if (link == null) {
                link = Session.linkIn(line.text()).orElse(null);
            }
            if (!line.text().isBlank()) {
                latest = line.text().strip();
            }
        }
        String status = switch (task.status()) {
            case PENDING, BLOCKED, DRAFT -> "waiting for a worker";
            case RUNNING -> latest == null ? "starting" : latest;
            case COMPLETED -> "ended";
            default -> task.statusReason() == null ? task.status().wire() : task.statusReason();
        };
        return new Session(task.id(), task.description(), task.project(), task.status(), task.worker(), link, status,
                task.createdAt(), task.startedAt(), task.finishedAt());
    }

    private static String name(String requested, String project) {
        String name = requested == null || requested.isBlank() ? "dobby-" + project : requested.strip();
        if (name.length() > MAX_NAME) {
            throw ApiException.badRequest("name must be at most " + MAX_NAME + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("name must be one line of text without control characters");
        }
        return name;
    }

    /** Refuse at once, with the reason, when no worker online now could take the session. */
    private void requireAbleWorker(Project project, String target, List<String> tags) {
        List<SpokeRecord> online = workers.online().stream().filter(w -> !(project.remote() && w.local())).toList();
        if (target != null && online.stream().noneMatch(w -> w.id().equals(target))) {
            throw ApiException.conflict("no worker can run sessions: worker " + target + " is not online"
                    + (project.remote() ? " or cannot run project " + project.name() + " (on spokes only)" : ""));
        }
        boolean able = online.stream()
                .filter(w -> target == null || w.id().equals(target))
                .filter(w -> w.capabilities().tags().containsAll(tags))
                .anyMatch(w -> w.capabilities().backends().contains(Backend.SESSION));
        if (!able) {
            String install = " (install Claude Code there, or set claude_bin / DOBBY_CLAUDE_BIN)";
            throw ApiException.conflict(target != null
                    ? "worker " + target + " cannot run sessions: it has no Claude Code (claude)"
                            + (tags.isEmpty() ? "" : " or lacks tags " + String.join(",", tags)) + install
                    : "no worker can run sessions: no online worker" + (tags.isEmpty() ? "" : " with tags "
                            + String.join(",", tags)) + " has Claude Code (claude)" + install);
        }
    }
}
