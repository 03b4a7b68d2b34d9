package dev.dobby.hub.core;

import dev.dobby.hub.store.AttemptRecord;
import dev.dobby.hub.store.ReadTx;
import dev.dobby.hub.store.Store;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.DetailStatus;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.work.Placement;
import dev.dobby.protocol.work.AgentProgress;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.LogPage;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ResultPage;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPage;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.transcript.Transcript;
import dev.dobby.protocol.transcript.TranscriptBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The read side: lists, details and the live status of a task. */
public final class Queries {
    static final int MAX_LOG_PAGE = 10_000;

    private final Store store;
    private final WorkerRegistry workers;
    private final Clock clock;

    private final DispatchGate gate;

    public Queries(Store store, WorkerRegistry workers, Clock clock) {
        this(store, workers, clock, null);
    }

    /** @param gate the kill switch and budgets, for waiting reasons; null for none */
    public Queries(Store store, WorkerRegistry workers, Clock clock, DispatchGate gate) {
        this.store = store;
        this.workers = workers;
        this.clock = clock;
        this.gate = gate;
    }

    public TaskPage tasks(TaskQuery query) {
        if (query.limit() < 1 || query.limit() > TaskQuery.MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + TaskQuery.MAX_LIMIT);
        }
        if (query.offset() < 0) {
            throw ApiException.badRequest("offset must not be negative");
        }
        Instant now = clock.instant();
        return store.read(tx -> {
            TaskPage page = tx.findTasks(query);
            return page.withWaiting(new WaitingExplainer(tx, workers, gate, now).explain(page.tasks()));
        });
    }

    public Task task(long id) {
        return store.read(tx -> TaskCommands.require(tx, id));
    }

    public LogPage logs(long taskId, long afterSeq, int limit) {
        if (limit < 1 || limit > MAX_LOG_PAGE) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LOG_PAGE);
        }
        if (afterSeq < 0) {
            throw ApiException.badRequest("after must not be negative");
        }
        return store.read(tx -> {
            TaskCommands.require(tx, taskId);
            return tx.logs(taskId, afterSeq, limit);
        });
    }

    /** Read from every stored line of the task (of one attempt), a page at a time, in one read. */
    public Transcript transcript(long taskId, Integer attempt, int from) {
        if (from < 0) {
            throw ApiException.badRequest("from must not be negative");
        }
        if (attempt != null && attempt < 1) {
            throw ApiException.badRequest("attempt must be 1 or more");
        }
        return store.read(tx -> {
            TaskCommands.require(tx, taskId);
            TranscriptBuilder builder = new TranscriptBuilder();
            long after = 0;
            LogPage page;
            do {
                page = tx.logs(taskId, after, MAX_LOG_PAGE);
                // A page at once: the builder decodes a long one's JSON on all cores.
                builder.acceptAll(attempt == null ? page.lines()
                        : page.lines().stream().filter(line -> line.attempt() == attempt).toList());
                after = page.next();
            } while (page.more());
            return builder.transcript(taskId, from);
        });
    }

    public Project project(String name) {
        return store.read(tx -> tx.project(name)).orElseThrow(() -> ApiException.notFound("no project '" + name + "'"));
    }

    public List<Project> projects() {
        return store.read(ReadTx::projects);
    }

    public TaskResult result(long taskId) {
        return store.read(tx -> {
            TaskCommands.require(tx, taskId);
            return tx.result(taskId).orElseThrow(() -> ApiException.notFound("task " + taskId + " has no result yet"));
        });
    }

    public ResultPage results(String project, int limit, int offset) {
        if (limit < 1 || limit > TaskQuery.MAX_LIMIT || offset < 0) {
            throw ApiException.badRequest("limit must be between 1 and " + TaskQuery.MAX_LIMIT + " and offset not negative");
        }
        return store.read(tx -> {
            if (project != null && tx.project(project).isEmpty()) {
                throw ApiException.notFound("no project '" + project + "'");
            }
            return tx.results(project, limit, offset);
        });
    }

    public List<Spoke> spokes() {
        return store.read(tx -> workers.all().stream()
                .sorted((a, b) -> a.local() != b.local() ? (a.local() ? -1 : 1) : a.id().compareTo(b.id()))
                .map(w -> WorkService.view(tx, w))
                .toList());
    }

    public DetailStatus detailStatus(long taskId) {
        try {
            return detail(taskId);
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalStateException("stored progress of task " + taskId + " is unreadable", e);
        }
    }

    private DetailStatus detail(long taskId) {
        Instant now = clock.instant();
        return store.read(tx -> {
            Task task = TaskCommands.require(tx, taskId);
            AttemptRecord attempt = tx.latestAttempt(taskId).orElse(null);
            LogLine last = tx.lastLogLine(taskId).orElse(null);
            long lines = tx.logLineCount(taskId);
            Double elapsed = null;
            if (task.startedAt() != null) {
                Instant end = task.finishedAt() != null ? task.finishedAt() : now;
                elapsed = Duration.between(task.startedAt(), end).toMillis() / 1000.0;
            }
            TaskResult result = tx.result(taskId).orElse(null);
            AgentProgress progress = attempt == null || attempt.progress() == null ? null
                    : Json.read(attempt.progress(), AgentProgress.class);
            boolean running = task.status() == TaskStatus.RUNNING;
            Placement placement = attempt == null ? null
                    : tx.placement(attempt.id()).map(json -> Json.read(json, Placement.class)).orElse(null);
            boolean queuedInScheduler = running && placement != null && placement.queued();
            dev.dobby.protocol.Waiting waits = queuedInScheduler ? null
                    : new WaitingExplainer(tx, workers, gate, now).explain(task);
            String waiting = queuedInScheduler ? placement.waitingReason() : waits == null ? null : waits.reason();
            String step = queuedInScheduler ? placement.waitingReason()
                    : progress != null && progress.currentStep() != null ? progress.currentStep()
                    : running ? "running " + task.backend().wire() : null;
            return new DetailStatus(
                    task.id(),
                    task.status(),
                    task.statusReason(),
                    waiting,
                    waits != null && waits.stuck(),
                    task.worker(),
                    attempt == null ? 0 : attempt.number(),
                    task.startedAt(),
                    elapsed,
                    step,
                    last == null ? null : last.text(),
                    lines,
                    progress == null ? List.of() : progress.filesRead(),
                    result != null && !result.filesChanged().isEmpty() ? result.filesChanged()
                            : progress == null ? List.of() : progress.filesEdited(),
                    progress == null ? Map.of() : progress.tools(),
                    result != null && result.tokensIn() != null ? result.tokensIn() : progress == null ? null : progress.tokensIn(),
                    result != null && result.tokensOut() != null ? result.tokensOut() : progress == null ? null : progress.tokensOut(),
                    result != null && result.costUsd() != null ? result.costUsd() : progress == null ? null : progress.costUsd(),
                    placement);
        });
    }

    public dev.dobby.protocol.Flow flow(long taskId) {
        return store.read(tx -> {
            TaskCommands.require(tx, taskId);
            return new dev.dobby.protocol.Flow(taskId, tx.flow(taskId));
        });
    }

    /** Ended tasks per project per calendar day (in {@code zone}) over the last {@code days} days. */
    public dev.dobby.protocol.Activity activity(int days, java.time.ZoneId zone) {
        if (days < 1 || days > 3660) {
            throw ApiException.badRequest("days must be between 1 and 3660");
        }
        java.time.LocalDate to = clock.instant().atZone(zone).toLocalDate();
        java.time.LocalDate from = to.minusDays(days - 1L);
        Instant since = from.atStartOfDay(zone).toInstant();
        Map<DayKey, int[]> counts = new java.util.TreeMap<>();
        for (var ended : store.read(tx -> tx.endedSince(since))) {
            int[] c = counts.computeIfAbsent(new DayKey(ended.finishedAt().atZone(zone).toLocalDate(), ended.project()),
                    k -> new int[2]);
            if (ended.status() == TaskStatus.COMPLETED) {
                c[0]++;
            } else if (ended.status() != TaskStatus.CANCELLED) {
                c[1]++;
            }
        }
        List<dev.dobby.protocol.Activity.Day> out = counts.entrySet().stream()
                .map(e -> new dev.dobby.protocol.Activity.Day(e.getKey().day(), e.getKey().project(),
                        e.getValue()[0], e.getValue()[1]))
                .toList();
        return new dev.dobby.protocol.Activity(from, to, zone.getId(), out);
    }

    /** Tokens and cost per project per calendar day (in {@code zone}) over the last {@code days} days. */
    public dev.dobby.protocol.Costs costs(int days, String project, java.time.ZoneId zone) {
        if (days < 1 || days > dev.dobby.protocol.Costs.MAX_DAYS) {
            throw ApiException.badRequest("days must be between 1 and " + dev.dobby.protocol.Costs.MAX_DAYS);
        }
        java.time.LocalDate to = clock.instant().atZone(zone).toLocalDate();
        java.time.LocalDate from = to.minusDays(days - 1L);
        Instant since = from.atStartOfDay(zone).toInstant();
        return store.read(tx -> {
            if (project != null && tx.project(project).isEmpty()) {
                throw ApiException.notFound("no project '" + project + "'");
            }
            return new dev.dobby.protocol.Costs(from, to, zone.getId(), tx.costs(since, zone, project));
        });
    }

    private record DayKey(java.time.LocalDate day, String project) implements Comparable<DayKey> {
        @Override
        public int compareTo(DayKey other) {
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : project.compareTo(other.project);
        }
    }

    public List<dev.dobby.protocol.UsageWindow> usage() {
        return store.read(ReadTx::usage);
    }
}
