package dev.dobby.hub.store.sqlite;

import dev.dobby.hub.store.AttemptRecord;
import dev.dobby.hub.store.BatchRecord;
import dev.dobby.hub.store.ReadTx;
import dev.dobby.hub.store.ScheduleRecord;
import dev.dobby.hub.store.SpokeRecord;
import dev.dobby.hub.store.WebhookRecord;
import dev.dobby.protocol.Costs;
import dev.dobby.protocol.ExportRow;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.WebhookDelivery;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.LogPage;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ResultPage;
import dev.dobby.protocol.Stats;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPage;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskLog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Queries over one connection, in SQL that SQLite and PostgreSQL both take (what differs is in the dialect). */
class SqliteReadTx implements ReadTx {
    protected final Handle handle;
    protected final Dialect dialect;

    SqliteReadTx(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    // ---- tasks

    @Override
    public Optional<Task> task(long id) {
        List<Task> found = tasks(List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    @Override
    public List<Task> tasks(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return tasksWhere("id IN (<ids>)", "task_id IN (<ids>)", ids);
    }

    /** Tasks matching {@code where} (on tasks) with their parents (task_deps rows matching {@code depsWhere}). */
    private List<Task> tasksWhere(String where, String depsWhere, Collection<Long> ids) {
        Map<Long, List<Long>> deps = new HashMap<>();
        handle.createQuery("SELECT task_id, parent_id FROM task_deps WHERE " + depsWhere + " ORDER BY parent_id")
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .forEach(e -> deps.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return handle.createQuery("SELECT *, (SELECT a.placement FROM attempts a WHERE a.task_id = tasks.id"
                        + " AND a.status = 'running' ORDER BY a.number DESC LIMIT 1) AS running_placement"
                        + " FROM tasks WHERE " + where + " ORDER BY id")
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> Rows.task(rs, deps.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    @Override
    public List<Task> batchTasks(Collection<Long> batchIds) {
        if (batchIds.isEmpty()) {
            return List.of();
        }
        return tasksWhere("batch_id IN (<ids>)",
                "task_id IN (SELECT id FROM tasks WHERE batch_id IN (<ids>))", batchIds);
    }

    @Override
    public TaskPage findTasks(TaskQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (!query.statuses().isEmpty()) {
            where.append(" AND status IN (<statuses>)");
        }
        if (query.project() != null) {
            where.append(" AND project = :project");
            binds.put("project", query.project());
        }
        if (query.since() != null) {
            where.append(" AND created_at >= :since");
            binds.put("since", Rows.millis(query.since()));
        }
        if (query.finishedFrom() != null) {
            where.append(" AND finished_at >= :finished_from");
            binds.put("finished_from", Rows.millis(query.finishedFrom()));
        }
        if (query.finishedTo() != null) {
            where.append(" AND finished_at < :finished_to");
            binds.put("finished_to", Rows.millis(query.finishedTo()));
        }
        if (query.text() != null && !query.text().isBlank()) {
            where.append(" AND description " + dialect.likeIgnoringCase() + " :text ESCAPE '\\'");
            binds.put("text", "%" + escapeLike(query.text()) + "%");
        }
        if (query.batchId() != null) {
            where.append(" AND batch_id = :batch");
            binds.put("batch", query.batchId());
        }
        Query count = handle.createQuery("SELECT count(*) FROM tasks" + where);
        Query page = handle.createQuery("SELECT id FROM tasks" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset");
        for (Query q : List.of(count, page)) {
            binds.forEach(q::bind);
            if (!query.statuses().isEmpty()) {
                q.bindList("statuses", query.statuses().stream().map(TaskStatus::wire).toList());
            }
        }
        long total = count.mapTo(Long.class).one();
        List<Long> ids = page.bind("limit", query.limit()).bind("offset", query.offset()).mapTo(Long.class).list();
        List<Task> tasks = new ArrayList<>(tasks(ids));
        tasks.sort((a, b) -> Long.compare(b.id(), a.id()));
        return new TaskPage(tasks, total, query.limit(), query.offset());
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public List<Task> sessionTasks(boolean activeOnly, int limit) {
        List<Long> ids = handle.createQuery("SELECT id FROM tasks WHERE backend = 'session'"
                        + (activeOnly ? " AND status IN ('pending', 'running')" : "") + " ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit).mapTo(Long.class).list();
        List<Task> found = new ArrayList<>(tasks(ids));
        found.sort((a, b) -> Long.compare(b.id(), a.id()));
        return found;
    }

    @Override
    public List<Long> children(long parentId) {
        return handle.createQuery("SELECT task_id FROM task_deps WHERE parent_id = :id ORDER BY task_id")
                .bind("id", parentId).mapTo(Long.class).list();
    }

    @Override
    public Optional<Long> latestActiveTask(String project) {
        return handle.createQuery("SELECT max(id) FROM tasks WHERE project = :p AND status IN ('pending', 'blocked', 'running')")
                .bind("p", project).mapTo(Long.class).findOne();
    }

    @Override
    public Map<String, Integer> runningByProject() {
        Map<String, Integer> out = new HashMap<>();
        handle.createQuery("SELECT project, count(*) FROM tasks WHERE status = 'running' GROUP BY project")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    @Override
    public long countPending() {
        return handle.createQuery("SELECT count(*) FROM tasks WHERE status = 'pending'").mapTo(Long.class).one();
    }

    @Override
    public java.util.Set<String> pendingTargets() {
        return new java.util.HashSet<>(handle.createQuery(
                        "SELECT DISTINCT target_spoke FROM tasks WHERE status = 'pending' AND target_spoke IS NOT NULL")
                .mapTo(String.class).list());
    }

    @Override
    public Stats stats() {
        Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
        Map<String, Map<TaskStatus, Long>> byProject = new TreeMap<>();
        long[] total = {0};
        handle.createQuery("SELECT project, status, count(*) AS n FROM tasks GROUP BY project, status")
                .map((rs, ctx) -> {
                    TaskStatus status = TaskStatus.fromWire(rs.getString("status"));
                    long n = rs.getLong("n");
                    byStatus.merge(status, n, Long::sum);
                    byProject.computeIfAbsent(rs.getString("project"), k -> new EnumMap<>(TaskStatus.class)).put(status, n);
                    total[0] += n;
                    return n;
                })
                .list();
        return handle.createQuery("SELECT coalesce(sum(tokens_in), 0) AS tin, coalesce(sum(tokens_out), 0) AS tout, "
                        + "coalesce(sum(cost_usd), 0) AS cost, avg(duration_s) AS avg_d FROM results")
                .map((rs, ctx) -> new Stats(total[0], byStatus, byProject, rs.getLong("tin"), rs.getLong("tout"),
                        rs.getDouble("cost"), Rows.doubleOrNull(rs, "avg_d"), null, Map.of(), List.of()))
                .one();
    }

    // ---- projects

    @Override
    public Optional<Project> project(String name) {
        return handle.createQuery("SELECT * FROM projects WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> Rows.project(rs)).findOne();
    }

    @Override
    public List<Project> projects() {
        return handle.createQuery("SELECT * FROM projects ORDER BY name").map((rs, ctx) -> Rows.project(rs)).list();
    }

    // ---- attempts

    @Override
    public Optional<AttemptRecord> attempt(long attemptId) {
        return handle.createQuery("SELECT * FROM attempts WHERE id = :id")
                .bind("id", attemptId).map((rs, ctx) -> Rows.attempt(rs)).findOne();
    }

    @Override
    public Optional<AttemptRecord> latestAttempt(long taskId) {
        return handle.createQuery("SELECT * FROM attempts WHERE task_id = :id ORDER BY number DESC LIMIT 1")
                .bind("id", taskId).map((rs, ctx) -> Rows.attempt(rs)).findOne();
    }

    @Override
    public Optional<String> placement(long attemptId) {
        return handle.createQuery("SELECT placement FROM attempts WHERE id = :id AND placement IS NOT NULL")
                .bind("id", attemptId).mapTo(String.class).findOne();
    }

    @Override
    public List<AttemptRecord> runningAttempts() {
        return handle.createQuery("SELECT * FROM attempts WHERE status = 'running' ORDER BY id")
                .map((rs, ctx) -> Rows.attempt(rs)).list();
    }

    @Override
    public int confirmedAttempts(long taskId) {
        return handle.createQuery("SELECT count(*) FROM attempts WHERE task_id = :id AND accepted_at IS NOT NULL")
                .bind("id", taskId).mapTo(Integer.class).one();
    }

    // ---- results

    @Override
    public Optional<TaskResult> result(long taskId) {
        Optional<TaskResult> latest = handle.createQuery(
                        "SELECT * FROM results WHERE task_id = :id ORDER BY attempt DESC LIMIT 1")
                .bind("id", taskId).map((rs, ctx) -> Rows.result(rs)).findOne();
        if (latest.isEmpty() || latest.get().attempt() <= 1) {
            return latest;
        }
        // A task's result counts every attempt's tokens and money (a resumed session is one piece of work).
        return latest.map(r -> handle.createQuery("""
                        SELECT count(*) AS n, sum(tokens_in) AS tin, sum(tokens_out) AS tout, sum(cost_usd) AS cost
                        FROM results WHERE task_id = :id""")
                .bind("id", taskId)
                .map((rs, ctx) -> rs.getInt("n") <= 1 ? r : r.withTotals(Rows.longOrNull(rs, "tin"),
                        Rows.longOrNull(rs, "tout"), Rows.doubleOrNull(rs, "cost")))
                .one());
    }

    @Override
    public ResultPage results(String project, int limit, int offset) {
        String where = project == null ? "" : " WHERE r.task_id IN (SELECT id FROM tasks WHERE project = :project)";
        Query count = handle.createQuery("SELECT count(*) FROM results r" + where);
        Query page = handle.createQuery("SELECT r.* FROM results r" + where
                + " ORDER BY r.created_at DESC, r.task_id DESC LIMIT :limit OFFSET :offset");
        if (project != null) {
            count.bind("project", project);
            page.bind("project", project);
        }
        long total = count.mapTo(Long.class).one();
        List<TaskResult> results = page.bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> Rows.result(rs)).list();
        return new ResultPage(results, total, limit, offset);
    }

    // ---- logs

    @Override
    public LogPage logs(long taskId, long afterSeq, int limit) {
        List<LogLine> lines = handle.createQuery(
                        "SELECT * FROM log_lines WHERE task_id = :id AND seq > :after ORDER BY seq LIMIT :limit")
                .bind("id", taskId).bind("after", afterSeq).bind("limit", limit + 1)
                .map((rs, ctx) -> Rows.logLine(rs)).list();
        boolean more = lines.size() > limit;
        List<LogLine> page = more ? lines.subList(0, limit) : lines;
        long next = page.isEmpty() ? afterSeq : page.getLast().seq();
        return new LogPage(taskId, page, next, more);
    }

    @Override
    public Optional<LogLine> lastLogLine(long taskId) {
        return handle.createQuery("SELECT * FROM log_lines WHERE task_id = :id ORDER BY seq DESC LIMIT 1")
                .bind("id", taskId).map((rs, ctx) -> Rows.logLine(rs)).findOne();
    }

    @Override
    public long logLineCount(long taskId) {
        return handle.createQuery("SELECT count(*) FROM log_lines WHERE task_id = :id")
                .bind("id", taskId).mapTo(Long.class).one();
    }

    // ---- events

    @Override
    public List<HubEvent> events(long afterSeq, Long taskId, boolean includeLogs, int limit) {
        String taskFilter = taskId == null ? "" : " AND task_id = :task";
        Query eventQuery = handle.createQuery("SELECT seq, payload FROM events WHERE seq > :after" + taskFilter
                + " ORDER BY seq LIMIT :limit");
        bindRange(eventQuery, afterSeq, taskId, limit);
        List<HubEvent> events = eventQuery
                .map((rs, ctx) -> Rows.fromJson(rs.getString("payload"), HubEvent.class)).list();
        if (!includeLogs) {
            return events;
        }
        Query lineQuery = handle.createQuery("SELECT * FROM log_lines WHERE seq > :after" + taskFilter
                + " ORDER BY seq LIMIT :limit");
        bindRange(lineQuery, afterSeq, taskId, limit);
        List<LogLine> lines = lineQuery.map((rs, ctx) -> Rows.logLine(rs)).list();

        // Where one side filled the limit, the other may run past what was read of it: stop at the lower edge.
        long edge = Long.MAX_VALUE;
        if (events.size() == limit) {
            edge = Math.min(edge, events.getLast().seq());
        }
        if (lines.size() == limit) {
            edge = Math.min(edge, lines.getLast().seq());
        }
        return merge(events, lines, edge);
    }

    private static void bindRange(Query query, long afterSeq, Long taskId, int limit) {
        query.bind("after", afterSeq).bind("limit", limit);
        if (taskId != null) {
            query.bind("task", taskId);
        }
    }

    /** Events and log lines in sequence order, consecutive lines of one task grouped into one event. */
    private static List<HubEvent> merge(List<HubEvent> events, List<LogLine> lines, long edge) {
        List<HubEvent> out = new ArrayList<>();
        List<LogLine> group = new ArrayList<>();
        int e = 0;
        int l = 0;
        while (e < events.size() || l < lines.size()) {
            boolean takeLine = l < lines.size() && (e >= events.size() || lines.get(l).seq() < events.get(e).seq());
            if (takeLine) {
                LogLine line = lines.get(l++);
                if (line.seq() > edge) {
                    break;
                }
                if (!group.isEmpty() && group.getLast().taskId() != line.taskId()) {
                    out.add(logEvent(group));
                    group.clear();
                }
                group.add(line);
            } else {
                HubEvent event = events.get(e++);
                if (event.seq() > edge) {
                    break;
                }
                if (!group.isEmpty()) {
                    out.add(logEvent(group));
                    group.clear();
                }
                out.add(event);
            }
        }
        if (!group.isEmpty()) {
            out.add(logEvent(group));
        }
        return out;
    }

    private static TaskLog logEvent(List<LogLine> lines) {
        LogLine last = lines.getLast();
        return new TaskLog(last.seq(), last.at(), last.taskId(), List.copyOf(lines));
    }

    // ---- flow, activity, usage

    @Override
    public List<dev.dobby.protocol.FlowStep> flow(long taskId) {
        return handle.createQuery("SELECT * FROM flow_steps WHERE task_id = :id ORDER BY attempt, idx")
                .bind("id", taskId)
                .map((rs, ctx) -> new dev.dobby.protocol.FlowStep(rs.getLong("task_id"), rs.getInt("attempt"),
                        rs.getInt("idx"), dev.dobby.protocol.FlowStep.Kind.fromWire(rs.getString("kind")),
                        Rows.instant(rs, "at"), rs.getString("title"), rs.getString("detail"),
                        Rows.longOrNull(rs, "duration_ms"), rs.getString("tool"), rs.getString("file"),
                        Rows.longOrNull(rs, "tokens_in"), Rows.longOrNull(rs, "tokens_out"), rs.getInt("error") != 0))
                .list();
    }

    @Override
    public List<Ended> endedSince(java.time.Instant since) {
        return handle.createQuery("SELECT project, status, finished_at FROM tasks "
                        + "WHERE finished_at IS NOT NULL AND finished_at >= :since ORDER BY finished_at")
                .bind("since", Rows.millis(since))
                .map((rs, ctx) -> new Ended(rs.getString(1), TaskStatus.fromWire(rs.getString(2)),
                        Rows.instant(rs, "finished_at")))
                .list();
    }

    @Override
    public List<dev.dobby.protocol.UsageWindow> usage() {
        return handle.createQuery("SELECT * FROM usage_windows ORDER BY account, \"window\"")
                .map((rs, ctx) -> new dev.dobby.protocol.UsageWindow(rs.getString("account"),
                        dev.dobby.protocol.Backend.fromWire(rs.getString("backend")), rs.getString("window"),
                        Rows.doubleOrNull(rs, "utilization"), rs.getString("status"), Rows.instant(rs, "resets_at"),
                        Rows.instant(rs, "reported_at")))
                .list();
    }

    // ---- batches, spokes

    @Override
    public Optional<BatchRecord> batch(long id) {
        return handle.createQuery("SELECT * FROM batches WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new BatchRecord(rs.getLong("id"), rs.getString("name"), Rows.instant(rs, "created_at")))
                .findOne();
    }

    @Override
    public List<BatchRecord> batches(int limit) {
        return handle.createQuery("SELECT * FROM batches ORDER BY id DESC LIMIT :limit").bind("limit", limit)
                .map((rs, ctx) -> new BatchRecord(rs.getLong("id"), rs.getString("name"), Rows.instant(rs, "created_at")))
                .list();
    }

    @Override
    public List<SpokeRecord> spokes() {
        return handle.createQuery("SELECT * FROM spokes ORDER BY local DESC, id").map((rs, ctx) -> Rows.spoke(rs)).list();
    }

    @Override
    public Optional<SpokeRecord> spoke(String id) {
        return handle.createQuery("SELECT * FROM spokes WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> Rows.spoke(rs)).findOne();
    }

    @Override
    public long lastSeq() {
        return handle.createQuery("SELECT coalesce(max(seq), 0) FROM (SELECT max(seq) AS seq FROM events "
                + "UNION ALL SELECT max(seq) AS seq FROM log_lines) s").mapTo(Long.class).one();
    }

    // ---- schedules

    @Override
    public Optional<ScheduleRecord> schedule(long id) {
        return handle.createQuery("SELECT * FROM schedules WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> Rows.schedule(rs)).findOne();
    }

    @Override
    public List<ScheduleRecord> schedules(String project) {
        Query query = handle.createQuery("SELECT * FROM schedules" + (project == null ? "" : " WHERE project = :p")
                + " ORDER BY id DESC");
        if (project != null) {
            query.bind("p", project);
        }
        return query.map((rs, ctx) -> Rows.schedule(rs)).list();
    }

    @Override
    public List<ScheduleRecord> dueSchedules(Instant now) {
        return handle.createQuery("SELECT * FROM schedules WHERE state = 'active' AND next_run_at <= :now "
                        + "ORDER BY next_run_at, id")
                .bind("now", Rows.millis(now))
                .map((rs, ctx) -> Rows.schedule(rs)).list();
    }

    @Override
    public TaskPage scheduleRuns(long scheduleId, int limit, int offset) {
        long total = handle.createQuery("SELECT count(*) FROM tasks WHERE schedule_id = :s").bind("s", scheduleId)
                .mapTo(Long.class).one();
        List<Long> ids = handle.createQuery("SELECT id FROM tasks WHERE schedule_id = :s ORDER BY id DESC "
                        + "LIMIT :limit OFFSET :offset")
                .bind("s", scheduleId).bind("limit", limit).bind("offset", offset).mapTo(Long.class).list();
        List<Task> tasks = new ArrayList<>(tasks(ids));
        tasks.sort((a, b) -> Long.compare(b.id(), a.id()));
        return new TaskPage(tasks, total, limit, offset);
    }

    // ---- stale detection

    @Override
    public Optional<Instant> lastOutputAt(long attemptId) {
        return handle.createQuery("SELECT last_output_at FROM attempts WHERE id = :id AND last_output_at IS NOT NULL")
                .bind("id", attemptId)
                .map((rs, ctx) -> Rows.instant(rs, "last_output_at")).findOne();
    }

    // ---- stats

    @Override
    public Map<String, Stats.Usage> usageByProject() {
        Map<String, Stats.Usage> out = new TreeMap<>();
        handle.createQuery("""
                        SELECT t.project, count(*) AS n, coalesce(sum(r.tokens_in), 0) AS tin,
                            coalesce(sum(r.tokens_out), 0) AS tout, coalesce(sum(r.cost_usd), 0) AS cost,
                            coalesce(sum(r.duration_s), 0) AS dur
                        FROM results r JOIN tasks t ON t.id = r.task_id GROUP BY t.project""")
                .map((rs, ctx) -> Map.entry(rs.getString("project"), new Stats.Usage(rs.getLong("n"), rs.getLong("tin"),
                        rs.getLong("tout"), rs.getDouble("cost"), rs.getDouble("dur"))))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    @Override
    public List<Stats.Day> days(Instant since, ZoneId zone) {
        // Days follow the zone's calendar (with its DST changes), which SQL does not know: group here, row by row.
        Map<LocalDate, Stats.Day> days = new TreeMap<>();
        handle.createQuery("SELECT created_at, status, tokens_in, tokens_out, cost_usd, duration_s FROM results "
                        + "WHERE created_at >= :since")
                .bind("since", Rows.millis(since))
                .map((rs, ctx) -> {
                    boolean completed = "completed".equals(rs.getString("status"));
                    return new Stats.Day(Rows.instant(rs, "created_at").atZone(zone).toLocalDate(), 1,
                            completed ? 1 : 0, completed ? 0 : 1, rs.getLong("tokens_in"), rs.getLong("tokens_out"),
                            rs.getDouble("cost_usd"), rs.getDouble("duration_s"));
                })
                .forEach(one -> days.merge(one.date(), one, SqliteReadTx::add));
        return List.copyOf(days.values());
    }

    @Override
    public List<Costs.Day> costs(Instant since, ZoneId zone, String project) {
        // As in days(): the zone's calendar is not SQL's, so rows are grouped here.
        Map<String, Costs.Day> days = new TreeMap<>();
        Query query = handle.createQuery("SELECT r.created_at, t.project, r.tokens_in, r.tokens_out, r.cost_usd "
                + "FROM results r JOIN tasks t ON t.id = r.task_id WHERE r.created_at >= :since"
                + (project == null ? "" : " AND t.project = :project"));
        query.bind("since", Rows.millis(since));
        if (project != null) {
            query.bind("project", project);
        }
        query.map((rs, ctx) -> new Costs.Day(Rows.instant(rs, "created_at").atZone(zone).toLocalDate(),
                        rs.getString("project"), 1, rs.getLong("tokens_in"), rs.getLong("tokens_out"),
                        rs.getDouble("cost_usd")))
                .forEach(one -> days.merge(one.day() + "\u0000" + one.project(), one, (a, b) -> new Costs.Day(a.day(),
                        a.project(), a.attempts() + b.attempts(), a.tokensIn() + b.tokensIn(),
                        a.tokensOut() + b.tokensOut(), a.costUsd() + b.costUsd())));
        return List.copyOf(days.values());
    }

    private static Stats.Day add(Stats.Day a, Stats.Day b) {
        return new Stats.Day(a.date(), a.attempts() + b.attempts(), a.completed() + b.completed(),
                a.failed() + b.failed(), a.tokensIn() + b.tokensIn(), a.tokensOut() + b.tokensOut(),
                a.costUsd() + b.costUsd(), a.durationSeconds() + b.durationSeconds());
    }

    // ---- export

    @Override
    public List<ExportRow> exportPage(String project, long afterId, int limit) {
        Query ids = handle.createQuery("SELECT id FROM tasks WHERE id > :after"
                + (project == null ? "" : " AND project = :project") + " ORDER BY id LIMIT :limit");
        ids.bind("after", afterId).bind("limit", limit);
        if (project != null) {
            ids.bind("project", project);
        }
        List<Long> page = ids.mapTo(Long.class).list();
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Long, TaskResult> results = new HashMap<>();
        handle.createQuery("""
                        SELECT r.* FROM results r
                        WHERE r.task_id IN (<ids>)
                          AND r.attempt = (SELECT max(attempt) FROM results x WHERE x.task_id = r.task_id)""")
                .bindList("ids", page)
                .map((rs, ctx) -> Rows.result(rs))
                .forEach(r -> results.put(r.taskId(), r));
        return tasks(page).stream().map(t -> new ExportRow(t, results.get(t.id()))).toList();
    }

    // ---- webhooks, hub state

    @Override
    public List<WebhookRecord> pendingWebhooks(int limit) {
        return handle.createQuery("SELECT id, task_id, event, url, payload, attempts FROM webhook_deliveries "
                        + "WHERE state = 'pending' ORDER BY id LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new WebhookRecord(rs.getLong("id"), rs.getLong("task_id"), rs.getString("event"),
                        rs.getString("url"), rs.getString("payload"), rs.getInt("attempts")))
                .list();
    }

    @Override
    public List<WebhookDelivery> webhookDeliveries(int limit) {
        return handle.createQuery("SELECT * FROM webhook_deliveries ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new WebhookDelivery(rs.getLong("id"), rs.getLong("task_id"), rs.getString("event"),
                        Rows.shortUrl(rs.getString("url")), WebhookDelivery.State.fromWire(rs.getString("state")),
                        rs.getInt("attempts"), Rows.integer(rs, "http_status"), rs.getString("error"),
                        Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at")))
                .list();
    }

    @Override
    public Map<String, Double> costSince(Instant since) {
        Map<String, Double> spent = new TreeMap<>();
        handle.createQuery("SELECT t.project AS project, sum(r.cost_usd) AS cost FROM results r"
                        + " JOIN tasks t ON t.id = r.task_id"
                        + " WHERE r.created_at >= :since AND r.cost_usd IS NOT NULL GROUP BY t.project"
                        + " UNION ALL"
                        + " SELECT t.project AS project, sum(" + dialect.jsonNumber("a.progress", "cost_usd") + ") AS cost"
                        + " FROM attempts a JOIN tasks t ON t.id = a.task_id"
                        + " WHERE a.status = 'running' AND a.progress IS NOT NULL GROUP BY t.project")
                .bind("since", Rows.millis(since))
                .map((rs, ctx) -> Map.entry(rs.getString("project"), rs.getDouble("cost")))
                .forEach(e -> spent.merge(e.getKey(), e.getValue(), Double::sum));
        return spent;
    }

    @Override
    public Optional<String> hubState(String key) {
        return handle.createQuery("SELECT value FROM hub_state WHERE key = :key").bind("key", key)
                .mapTo(String.class).findOne();
    }

    @Override
    public Optional<String> resume(long taskId) {
        return handle.createQuery("SELECT resume FROM tasks WHERE id = :id AND resume IS NOT NULL")
                .bind("id", taskId).mapTo(String.class).findOne();
    }

    @Override
    public int rateLimitedAttempts(long taskId) {
        return handle.createQuery("SELECT count(*) FROM results WHERE task_id = :id AND rate_limited != 0")
                .bind("id", taskId).mapTo(Integer.class).one();
    }

    // ---- the Slack bot's previews and threads, assistant calls

    @Override
    public Optional<dev.dobby.protocol.SlackPreview> slackPreview(String channel, String ts) {
        return handle.createQuery("SELECT * FROM slack_previews WHERE channel = :channel AND ts = :ts")
                .bind("channel", channel).bind("ts", ts).map((rs, ctx) -> slackPreview(rs)).findOne();
    }

    @Override
    public Optional<dev.dobby.protocol.SlackPreview> slackPreviewInThread(String channel, String threadTs) {
        return handle.createQuery("SELECT * FROM slack_previews WHERE channel = :channel AND thread_ts = :thread "
                        + "ORDER BY created_at DESC, ts DESC LIMIT 1")
                .bind("channel", channel).bind("thread", threadTs).map((rs, ctx) -> slackPreview(rs)).findOne();
    }

    private static dev.dobby.protocol.SlackPreview slackPreview(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new dev.dobby.protocol.SlackPreview(rs.getString("channel"), rs.getString("ts"), rs.getString("thread_ts"),
                rs.getString("user_id"), Json.read(rs.getString("tasks"), com.fasterxml.jackson.databind.JsonNode.class),
                Rows.instant(rs, "created_at"));
    }

    @Override
    public Optional<dev.dobby.protocol.SlackThread> slackThread(long taskId) {
        return handle.createQuery("SELECT * FROM slack_threads WHERE task_id = :id").bind("id", taskId)
                .map((rs, ctx) -> slackThread(rs)).findOne();
    }

    @Override
    public List<dev.dobby.protocol.SlackThread> unreportedSlackThreads(int limit) {
        return handle.createQuery("SELECT * FROM slack_threads WHERE notified_at IS NULL ORDER BY task_id LIMIT :limit")
                .bind("limit", limit).map((rs, ctx) -> slackThread(rs)).list();
    }

    private static dev.dobby.protocol.SlackThread slackThread(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new dev.dobby.protocol.SlackThread(rs.getLong("task_id"), rs.getString("channel"),
                rs.getString("thread_ts"), rs.getString("requester"), rs.getString("requester_name"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "notified_at"));
    }

    @Override
    public dev.dobby.protocol.AssistantCosts assistantCosts(Instant since) {
        return handle.createQuery("""
                        SELECT COUNT(*) AS calls, COALESCE(SUM(tokens_in), 0) AS tin, COALESCE(SUM(tokens_out), 0) AS tout,
                               COALESCE(SUM(cost_usd), 0) AS cost,
                               COALESCE(SUM(CASE WHEN created_at >= :since THEN 1 ELSE 0 END), 0) AS recent_calls,
                               COALESCE(SUM(CASE WHEN created_at >= :since THEN cost_usd ELSE 0 END), 0) AS recent_cost
                        FROM assistant_calls""")
                .bind("since", Rows.millis(since))
                .map((rs, ctx) -> new dev.dobby.protocol.AssistantCosts(rs.getLong("calls"), rs.getLong("tin"),
                        rs.getLong("tout"), rs.getDouble("cost"), rs.getLong("recent_calls"), rs.getDouble("recent_cost")))
                .one();
    }

    // ---- GPUs and tracked jobs

    @Override
    public List<dev.dobby.hub.store.GpuHolder> gpuHolders(String worker) {
        return GpuRows.holders(handle, worker);
    }

    @Override
    public Map<String, List<dev.dobby.hub.store.GpuHolder>> allGpuHolders() {
        return GpuRows.allHolders(handle);
    }

    @Override
    public List<dev.dobby.hub.store.PendingGpuTask> pendingGpuTasks() {
        return GpuRows.pendingGpuTasks(handle);
    }

    @Override
    public Optional<dev.dobby.protocol.gpu.TrackedJob> trackedJob(long id) {
        return GpuRows.job(handle, id);
    }

    @Override
    public List<dev.dobby.protocol.gpu.TrackedJob> trackedJobs(Long taskId, int limit) {
        return GpuRows.jobs(handle, taskId, limit);
    }

    @Override
    public List<dev.dobby.protocol.gpu.TrackedJob> runningJobs(String worker) {
        return GpuRows.running(handle, worker);
    }
}
