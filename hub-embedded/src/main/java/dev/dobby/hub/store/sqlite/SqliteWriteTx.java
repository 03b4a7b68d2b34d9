package dev.dobby.hub.store.sqlite;

import dev.dobby.hub.store.AttemptRecord;
import dev.dobby.hub.store.ClaimSpec;
import dev.dobby.hub.store.Claimed;
import dev.dobby.hub.store.ScheduleRecord;
import dev.dobby.hub.store.SpokeRecord;
import dev.dobby.hub.store.TaskFields;
import dev.dobby.hub.store.TaskInsert;
import dev.dobby.hub.store.WriteTx;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.WebhookDelivery;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.work.OutputLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/** Changes over the writer's connection, in SQL both dialects take; lives for one batch of write jobs. */
final class SqliteWriteTx extends SqliteReadTx implements WriteTx {
    private final Sequence sequence;
    private final List<HubEvent> toPublish;

    /** The hub's single event sequence, owned by the writer thread. */
    static final class Sequence {
        private long last;

        Sequence(long last) {
            this.last = last;
        }

        long next() {
            return ++last;
        }

        long last() {
            return last;
        }

        void reset(long value) {
            last = value;
        }
    }

    SqliteWriteTx(Handle handle, Dialect dialect, Sequence sequence, List<HubEvent> toPublish) {
        super(handle, dialect);
        this.sequence = sequence;
        this.toPublish = toPublish;
    }

    // ---- tasks

    @Override
    public long insertTask(TaskInsert t) {
        return handle.createQuery("""
                        INSERT INTO tasks (description, project, backend, priority, status, status_reason, timeout_s,
                            batch_id, target_spoke, target_tags, worktree, options, plan_for, created_at, updated_at)
                        VALUES (:description, :project, :backend, :priority, :status, :reason, :timeout, :batch,
                            :spoke, :tags, :worktree, :options, :plan_for, :at, :at)
                        RETURNING id""")
                .bind("description", t.description())
                .bind("project", t.project())
                .bind("backend", t.backend().wire())
                .bind("priority", t.priority().rank())
                .bind("status", t.status().wire())
                .bind("reason", t.statusReason())
                .bind("timeout", t.timeoutSeconds())
                .bind("batch", t.batchId())
                .bind("spoke", t.targetSpoke())
                .bind("tags", t.targetTags().isEmpty() ? null : Rows.toJson(t.targetTags()))
                .bind("worktree", t.worktree() ? 1 : 0)
                .bind("options", t.agent() == null || t.agent().equals(dev.dobby.protocol.AgentOptions.NONE)
                        ? null : Rows.toJson(t.agent()))
                .bind("plan_for", t.planFor())
                .bind("at", Rows.millis(t.createdAt()))
                .mapTo(Long.class)
                .one();
    }

    @Override
    public void insertDependencies(long taskId, Collection<Long> parentIds) {
        if (parentIds.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO task_deps (task_id, parent_id) VALUES (:t, :p) ON CONFLICT DO NOTHING");
        for (long parent : parentIds) {
            batch.bind("t", taskId).bind("p", parent).add();
        }
        batch.execute();
    }

    @Override
    public boolean updateStatus(long taskId, TaskStatus from, TaskStatus to, String reason, Instant at) {
        String finished = to.isTerminal() ? ", finished_at = :at" : to == TaskStatus.PENDING || to == TaskStatus.BLOCKED
                ? ", finished_at = NULL, exit_code = NULL, not_before = NULL" : "";
        return handle.createUpdate("UPDATE tasks SET status = :to, status_reason = :reason, updated_at = :at" + finished
                        + " WHERE id = :id AND status = :from")
                .bind("to", to.wire()).bind("from", from.wire()).bind("reason", reason)
                .bind("at", Rows.millis(at)).bind("id", taskId)
                .execute() == 1;
    }

    @Override
    public void updateStatusReason(long taskId, String reason, Instant at) {
        handle.createUpdate("UPDATE tasks SET status_reason = :reason, updated_at = :at WHERE id = :id")
                .bind("reason", reason).bind("at", Rows.millis(at)).bind("id", taskId).execute();
    }

    @Override
    public void updateTask(long taskId, TaskFields fields, Instant at) {
        Update update = handle.createUpdate("""
                UPDATE tasks SET description = coalesce(:description, description),
                    priority = coalesce(:priority, priority), backend = coalesce(:backend, backend),
                    timeout_s = coalesce(:timeout, timeout_s), updated_at = :at
                WHERE id = :id""");
        update.bind("description", fields.description())
                .bind("priority", fields.priority() == null ? null : fields.priority().rank())
                .bind("backend", fields.backend() == null ? null : fields.backend().wire())
                .bind("timeout", fields.timeoutSeconds())
                .bind("at", Rows.millis(at))
                .bind("id", taskId)
                .execute();
    }

    @Override
    public void setPlan(long taskId, String plan, Instant at) {
        handle.createUpdate("UPDATE tasks SET plan = :plan, updated_at = :at WHERE id = :id")
                .bind("plan", plan).bind("at", Rows.millis(at)).bind("id", taskId).execute();
    }

    @Override
    public void setAgentOptions(long taskId, dev.dobby.protocol.AgentOptions agent, Instant at) {
        handle.createUpdate("UPDATE tasks SET options = :options, updated_at = :at WHERE id = :id")
                .bind("options", Rows.toJson(agent)).bind("at", Rows.millis(at)).bind("id", taskId).execute();
    }

    @Override
    public void setNotBefore(long taskId, Instant notBefore) {
        handle.createUpdate("UPDATE tasks SET not_before = :nb WHERE id = :id")
                .bind("nb", Rows.millis(notBefore)).bind("id", taskId).execute();
    }

    @Override
    public void recordExit(long taskId, Integer exitCode) {
        handle.createUpdate("UPDATE tasks SET exit_code = :code WHERE id = :id")
                .bind("code", exitCode).bind("id", taskId).execute();
    }

    // ---- the claim

    @Override
    public Optional<Claimed> claimNext(ClaimSpec spec) {
        if (spec.backends().isEmpty()) {
            return Optional.empty();
        }
        dialect.serializeClaims(handle);
        List<String> saturated = new ArrayList<>(saturatedProjects());
        saturated.addAll(spec.excludedProjects());
        String tagFilter = spec.tags().isEmpty()
                ? "t.target_tags IS NULL"
                : "(t.target_tags IS NULL OR NOT EXISTS (SELECT 1 FROM " + dialect.jsonStrings("t.target_tags", "j")
                        + " WHERE j.value NOT IN (<tags>)))";
        String projectFilter = saturated.isEmpty() ? "" : " AND t.project NOT IN (<saturated>)";
        if (!spec.excludedTasks().isEmpty()) {
            projectFilter += " AND t.id NOT IN (<excluded_tasks>)";
        }
        Query claim = handle.createQuery("""
                UPDATE tasks SET status = 'running', status_reason = NULL, attempts = attempts + 1, worker = :worker,
                    started_at = :now, updated_at = :now, finished_at = NULL, exit_code = NULL
                WHERE id = (
                    SELECT t.id FROM tasks t %s
                    WHERE t.status = 'pending'
                      AND t.backend IN (<backends>)
                      AND (t.target_spoke IS NULL OR t.target_spoke = :worker)
                      AND (t.not_before IS NULL OR t.not_before <= :now)
                      AND %s%s
                    ORDER BY t.priority, t.id
                    LIMIT 1 %s)
                RETURNING id, attempts""".formatted(dialect.queueIndexHint(), tagFilter, projectFilter,
                dialect.lockChosenRow()));
        claim.bind("worker", spec.worker())
                .bind("now", Rows.millis(spec.now()))
                .bindList("backends", spec.backends().stream().map(Backend::wire).toList());
        if (!spec.tags().isEmpty()) {
            claim.bindList("tags", spec.tags());
        }
        if (!saturated.isEmpty()) {
            claim.bindList("saturated", saturated);
        }
        if (!spec.excludedTasks().isEmpty()) {
            claim.bindList("excluded_tasks", spec.excludedTasks());
        }
        Optional<long[]> claimed = claim
                .map((rs, ctx) -> new long[] {rs.getLong("id"), rs.getLong("attempts")})
                .findOne();
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        long taskId = claimed.get()[0];
        int number = (int) claimed.get()[1];
        long attemptId = handle.createQuery("""
                        INSERT INTO attempts (task_id, number, worker, token, status, lease_until, started_at)
                        VALUES (:task, :number, :worker, :token, 'running', :lease, :now)
                        RETURNING id""")
                .bind("task", taskId).bind("number", number).bind("worker", spec.worker())
                .bind("token", spec.token()).bind("lease", Rows.millis(spec.leaseUntil()))
                .bind("now", Rows.millis(spec.now()))
                .mapTo(Long.class).one();
        return Optional.of(new Claimed(task(taskId).orElseThrow(), attempt(attemptId).orElseThrow()));
    }

    /** Projects already running as many tasks as their policy allows. */
    private List<String> saturatedProjects() {
        Map<String, Integer> running = runningByProject();
        if (running.isEmpty()) {
            return List.of();
        }
        Set<String> busy = running.keySet();
        return projects().stream()
                .filter(p -> busy.contains(p.name()))
                .filter(p -> running.get(p.name()) >= p.policy().effectiveMaxConcurrent())
                .map(Project::name)
                .collect(Collectors.toList());
    }

    // ---- attempts

    @Override
    public void recordProcess(long attemptId, long pid, Instant processStart) {
        handle.createUpdate("UPDATE attempts SET pid = :pid, process_start = :start, "
                        + "accepted_at = coalesce(accepted_at, :start) WHERE id = :id")
                .bind("pid", pid).bind("start", Rows.millis(processStart)).bind("id", attemptId).execute();
    }

    @Override
    public void recordPlacement(long attemptId, String placementJson) {
        handle.createUpdate("UPDATE attempts SET placement = :placement WHERE id = :id")
                .bind("placement", placementJson).bind("id", attemptId).execute();
    }

    @Override
    public void renewLeases(String worker, Collection<Long> attemptIds, Instant now, Instant until) {
        if (attemptIds.isEmpty()) {
            return;
        }
        handle.createUpdate("UPDATE attempts SET lease_until = CASE WHEN lease_until > :until THEN lease_until ELSE :until END, "
                        + "accepted_at = coalesce(accepted_at, :now) "
                        + "WHERE worker = :worker AND status = 'running' AND id IN (<ids>)")
                .bind("until", Rows.millis(until)).bind("now", Rows.millis(now)).bind("worker", worker)
                .bindList("ids", List.copyOf(attemptIds)).execute();
    }

    @Override
    public void endAttempt(long attemptId, AttemptRecord.State state, String outcomeJson, Instant at) {
        handle.createUpdate("UPDATE attempts SET status = :state, outcome = coalesce(:outcome, outcome), "
                        + "ended_at = coalesce(ended_at, :at) WHERE id = :id")
                .bind("state", state.wire()).bind("outcome", outcomeJson).bind("at", Rows.millis(at))
                .bind("id", attemptId).execute();
    }

    @Override
    public void extendAllLeases(Instant until) {
        handle.createUpdate("UPDATE attempts SET lease_until = CASE WHEN lease_until > :until THEN lease_until ELSE :until END "
                        + "WHERE status = 'running'")
                .bind("until", Rows.millis(until)).execute();
    }

    // ---- logs

    @Override
    public List<LogLine> appendLogs(long taskId, int attempt, List<OutputLine> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<LogLine> stored = new ArrayList<>(lines.size());
        PreparedBatch batch = handle.prepareBatch(
                "INSERT INTO log_lines (seq, task_id, attempt, stream, at, text) VALUES (:seq, :task, :attempt, :stream, :at, :text)");
        for (OutputLine line : lines) {
            LogLine logLine = new LogLine(sequence.next(), taskId, attempt, line.stream(), line.at(), line.text());
            batch.bind("seq", logLine.seq()).bind("task", taskId).bind("attempt", attempt)
                    .bind("stream", logLine.stream()).bind("at", Rows.millis(logLine.at()))
                    .bind("text", logLine.text()).add();
            stored.add(logLine);
        }
        batch.execute();
        return stored;
    }

    @Override
    public void logChunkApplied(long attemptId, long chunks, int lines) {
        handle.createUpdate("UPDATE attempts SET log_chunks = :n, log_lines = log_lines + :lines WHERE id = :id")
                .bind("n", chunks).bind("lines", lines).bind("id", attemptId).execute();
    }

    @Override
    public void setProgress(long attemptId, String progressJson) {
        handle.createUpdate("UPDATE attempts SET progress = :p WHERE id = :id")
                .bind("p", progressJson).bind("id", attemptId).execute();
    }

    @Override
    public void upsertFlowSteps(long taskId, int attempt, List<dev.dobby.protocol.FlowStep> steps) {
        if (steps.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO flow_steps (task_id, attempt, idx, kind, at, title, detail, duration_ms, tool,
                    file, tokens_in, tokens_out, error)
                VALUES (:task, :attempt, :idx, :kind, :at, :title, :detail, :duration, :tool, :file, :tin, :tout, :error)
                ON CONFLICT (task_id, attempt, idx) DO UPDATE SET kind = excluded.kind, at = excluded.at,
                    title = excluded.title, detail = excluded.detail, duration_ms = excluded.duration_ms,
                    tool = excluded.tool, file = excluded.file, tokens_in = excluded.tokens_in,
                    tokens_out = excluded.tokens_out, error = excluded.error""");
        for (dev.dobby.protocol.FlowStep step : steps) {
            batch.bind("task", taskId).bind("attempt", attempt).bind("idx", step.index())
                    .bind("kind", step.kind().wire()).bind("at", Rows.millis(step.at())).bind("title", step.title())
                    .bind("detail", step.detail()).bind("duration", step.durationMs()).bind("tool", step.tool())
                    .bind("file", step.file()).bind("tin", step.tokensIn()).bind("tout", step.tokensOut())
                    .bind("error", step.error() ? 1 : 0).add();
        }
        batch.execute();
    }

    @Override
    public void upsertUsage(List<dev.dobby.protocol.UsageWindow> usage) {
        for (dev.dobby.protocol.UsageWindow u : usage) {
            handle.createUpdate("""
                            INSERT INTO usage_windows (account, "window", backend, utilization, status,
                                resets_at, reported_at)
                            VALUES (:account, :window, :backend, :utilization, :status, :resets, :reported)
                            ON CONFLICT (account, "window") DO UPDATE SET backend = excluded.backend,
                                utilization = excluded.utilization, status = excluded.status,
                                resets_at = excluded.resets_at, reported_at = excluded.reported_at""")
                    .bind("account", u.account()).bind("window", u.window()).bind("backend", u.backend().wire())
                    .bind("utilization", u.utilization()).bind("status", u.status())
                    .bind("resets", Rows.millis(u.resetsAt())).bind("reported", Rows.millis(u.reportedAt()))
                    .execute();
        }
    }

    // ---- results, projects, batches, spokes

    @Override
    public void insertResult(TaskResult r) {
        handle.createUpdate("""
                        INSERT INTO results (task_id, attempt, status, summary, exit_code, duration_s,
                            artifacts_dir, files_changed, tokens_in, tokens_out, cost_usd, turns, session_id, branch,
                            base_commit, diff_stat, rate_limited, rate_limited_until, incomplete, created_at)
                        VALUES (:task, :attempt, :status, :summary, :exit, :duration, :dir, :files, :tin, :tout, :cost,
                            :turns, :session, :branch, :base, :diffstat, :limited, :limited_until, :incomplete, :at)
                        ON CONFLICT (task_id, attempt) DO UPDATE SET status = excluded.status,
                            summary = excluded.summary, exit_code = excluded.exit_code,
                            duration_s = excluded.duration_s, artifacts_dir = excluded.artifacts_dir,
                            files_changed = excluded.files_changed, tokens_in = excluded.tokens_in,
                            tokens_out = excluded.tokens_out, cost_usd = excluded.cost_usd, turns = excluded.turns,
                            session_id = excluded.session_id, branch = excluded.branch,
                            base_commit = excluded.base_commit, diff_stat = excluded.diff_stat,
                            rate_limited = excluded.rate_limited, rate_limited_until = excluded.rate_limited_until,
                            incomplete = excluded.incomplete, created_at = excluded.created_at""")
                .bind("task", r.taskId()).bind("attempt", r.attempt()).bind("status", r.status().wire())
                .bind("summary", r.summary()).bind("exit", r.exitCode()).bind("duration", r.durationSeconds())
                .bind("dir", r.artifactsDir()).bind("files", Rows.toJson(r.filesChanged()))
                .bind("tin", r.tokensIn()).bind("tout", r.tokensOut()).bind("cost", r.costUsd())
                .bind("turns", r.turns()).bind("session", r.sessionId()).bind("branch", r.branch())
                .bind("base", r.baseCommit()).bind("diffstat", r.diffStat()).bind("limited", r.rateLimited() ? 1 : 0)
                .bind("limited_until", Rows.millis(r.rateLimitedUntil()))
                .bind("incomplete", r.incomplete() ? 1 : 0).bind("at", Rows.millis(r.createdAt()))
                .execute();
    }

    @Override
    public void insertProject(Project p, Instant at) {
        handle.createUpdate("INSERT INTO projects (name, path, context, policy, remote, created_at, updated_at) "
                        + "VALUES (:name, :path, :context, :policy, :remote, :at, :at)")
                .bind("name", p.name()).bind("path", p.path()).bind("context", p.context())
                .bind("policy", Rows.toJson(p.policy())).bind("remote", p.remote() ? 1 : 0)
                .bind("at", Rows.millis(at)).execute();
    }

    @Override
    public void updateProject(Project p, Instant at) {
        handle.createUpdate("UPDATE projects SET path = :path, context = :context, policy = :policy, updated_at = :at "
                        + "WHERE name = :name")
                .bind("name", p.name()).bind("path", p.path()).bind("context", p.context())
                .bind("policy", Rows.toJson(p.policy())).bind("at", Rows.millis(at)).execute();
    }

    @Override
    public long insertBatch(String name, Instant at) {
        return handle.createQuery("INSERT INTO batches (name, created_at) VALUES (:name, :at) RETURNING id")
                .bind("name", name).bind("at", Rows.millis(at))
                .mapTo(Long.class).one();
    }

    @Override
    public void insertEnrolmentToken(String tokenHash, String spokeId, java.time.Instant createdAt,
                                     java.time.Instant expiresAt) {
        handle.createUpdate("DELETE FROM enrolment_tokens WHERE expires_at < :now")
                .bind("now", Rows.millis(createdAt)).execute();
        handle.createUpdate("""
                        INSERT INTO enrolment_tokens (token_hash, spoke_id, created_at, expires_at)
                        VALUES (:hash, :spoke, :created, :expires)""")
                .bind("hash", tokenHash).bind("spoke", spokeId).bind("created", Rows.millis(createdAt))
                .bind("expires", Rows.millis(expiresAt)).execute();
    }

    @Override
    public boolean spendEnrolmentToken(String tokenHash, String spokeId, java.time.Instant now) {
        return handle.createUpdate("""
                        UPDATE enrolment_tokens SET used_at = :now
                        WHERE token_hash = :hash AND spoke_id = :spoke AND used_at IS NULL AND expires_at > :now""")
                .bind("hash", tokenHash).bind("spoke", spokeId).bind("now", Rows.millis(now)).execute() == 1;
    }

    @Override
    public void upsertSpoke(SpokeRecord s) {
        handle.createUpdate("""
                        INSERT INTO spokes (id, token_hash, local, state, capabilities, registered_at, last_heartbeat)
                        VALUES (:id, :hash, :local, :state, :caps, :registered, :heartbeat)
                        ON CONFLICT (id) DO UPDATE SET token_hash = excluded.token_hash, local = excluded.local,
                            state = excluded.state, capabilities = excluded.capabilities,
                            last_heartbeat = excluded.last_heartbeat""")
                .bind("id", s.id()).bind("hash", s.tokenHash()).bind("local", s.local() ? 1 : 0)
                .bind("state", s.state().wire()).bind("caps", Rows.toJson(s.capabilities()))
                .bind("registered", Rows.millis(s.registeredAt())).bind("heartbeat", Rows.millis(s.lastHeartbeat()))
                .execute();
    }

    // ---- events

    @Override
    public HubEvent record(HubEvent event) {
        HubEvent numbered = event.withSeq(sequence.next());
        handle.createUpdate("INSERT INTO events (seq, at, type, task_id, payload) VALUES (:seq, :at, :type, :task, :payload)")
                .bind("seq", numbered.seq()).bind("at", Rows.millis(numbered.at())).bind("type", numbered.type())
                .bind("task", numbered.subjectTask()).bind("payload", Rows.toJson(numbered))
                .execute();
        toPublish.add(numbered);
        return numbered;
    }

    @Override
    public void publishAfterCommit(HubEvent event) {
        toPublish.add(event);
    }

    // ---- schedules

    @Override
    public long insertSchedule(ScheduleRecord s) {
        return handle.createQuery("""
                        INSERT INTO schedules (project, description, cron, every_s, every_text, template, state,
                            created_at, updated_at, next_run_at)
                        VALUES (:project, :description, :cron, :every, :everyText, :template, :state, :at, :at, :next)
                        RETURNING id""")
                .bind("project", s.project()).bind("description", s.description()).bind("cron", s.cron())
                .bind("every", s.every() == null ? null : s.every().toSeconds()).bind("everyText", s.everyText())
                .bind("template", Rows.toJson(s.template())).bind("state", s.state().wire())
                .bind("at", Rows.millis(s.createdAt())).bind("next", Rows.millis(s.nextRunAt()))
                .mapTo(Long.class).one();
    }

    @Override
    public void scheduleFired(long scheduleId, Instant firedFor, Long taskId, Instant next, Instant at) {
        handle.createUpdate("""
                        UPDATE schedules SET next_run_at = :next, updated_at = :at,
                            last_run_at = CASE WHEN CAST(:task AS BIGINT) IS NULL THEN last_run_at ELSE :fired END,
                            last_task_id = coalesce(:task, last_task_id),
                            runs = runs + (CASE WHEN CAST(:task AS BIGINT) IS NULL THEN 0 ELSE 1 END)
                        WHERE id = :id""")
                .bind("fired", Rows.millis(firedFor)).bind("task", taskId).bind("next", Rows.millis(next))
                .bind("at", Rows.millis(at)).bind("id", scheduleId).execute();
    }

    @Override
    public boolean cancelSchedule(long scheduleId, Instant at) {
        return handle.createUpdate("""
                        UPDATE schedules SET state = 'cancelled', next_run_at = NULL, cancelled_at = :at, updated_at = :at
                        WHERE id = :id AND state IN ('active', 'paused')""")
                .bind("at", Rows.millis(at)).bind("id", scheduleId).execute() == 1;
    }

    @Override
    public boolean pauseSchedule(long scheduleId, Instant at) {
        return handle.createUpdate("""
                        UPDATE schedules SET state = 'paused', next_run_at = NULL, updated_at = :at
                        WHERE id = :id AND state = 'active'""")
                .bind("at", Rows.millis(at)).bind("id", scheduleId).execute() == 1;
    }

    @Override
    public boolean resumeSchedule(long scheduleId, Instant next, Instant at) {
        return handle.createUpdate("""
                        UPDATE schedules SET state = 'active', next_run_at = :next, updated_at = :at
                        WHERE id = :id AND state = 'paused'""")
                .bind("next", Rows.millis(next)).bind("at", Rows.millis(at)).bind("id", scheduleId).execute() == 1;
    }

    @Override
    public void linkScheduleRun(long taskId, long scheduleId, Instant scheduledFor, boolean catchUp) {
        handle.createUpdate("UPDATE tasks SET schedule_id = :schedule, scheduled_for = :for, catch_up = :catchUp "
                        + "WHERE id = :id")
                .bind("schedule", scheduleId).bind("for", Rows.millis(scheduledFor)).bind("catchUp", catchUp ? 1 : 0)
                .bind("id", taskId).execute();
    }

    // ---- stale detection

    @Override
    public void noteOutput(long attemptId, Instant at) {
        handle.createUpdate("UPDATE attempts SET last_output_at = :at WHERE id = :id")
                .bind("at", Rows.millis(at)).bind("id", attemptId).execute();
    }

    // ---- webhooks, hub state

    @Override
    public boolean insertWebhook(long eventSeq, long taskId, String event, String url, String payload,
                                 WebhookDelivery.State state, String error, Instant at) {
        return handle.createUpdate("""
                        INSERT INTO webhook_deliveries (event_seq, task_id, event, url, payload, state, error,
                            created_at, updated_at)
                        VALUES (:seq, :task, :event, :url, :payload, :state, :error, :at, :at)
                        ON CONFLICT DO NOTHING""")
                .bind("seq", eventSeq).bind("task", taskId).bind("event", event).bind("url", url)
                .bind("payload", payload).bind("state", state.wire()).bind("error", error)
                .bind("at", Rows.millis(at)).execute() == 1;
    }

    @Override
    public void updateWebhook(long id, WebhookDelivery.State state, int attempts, Integer httpStatus, String error,
                              Instant at) {
        handle.createUpdate("""
                        UPDATE webhook_deliveries SET state = :state, attempts = :attempts, http_status = :status,
                            error = :error, updated_at = :at
                        WHERE id = :id""")
                .bind("state", state.wire()).bind("attempts", attempts).bind("status", httpStatus)
                .bind("error", error).bind("at", Rows.millis(at)).bind("id", id).execute();
    }

    @Override
    public void setHubState(String key, String value) {
        handle.createUpdate("INSERT INTO hub_state (key, value) VALUES (:key, :value) "
                        + "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                .bind("key", key).bind("value", value).execute();
    }

    @Override
    public void setResume(long taskId, String resumeJson) {
        handle.createUpdate("UPDATE tasks SET resume = :resume WHERE id = :id")
                .bind("id", taskId).bind("resume", resumeJson).execute();
    }

    // ---- the Slack bot's previews and threads, assistant calls

    @Override
    public void putSlackPreview(dev.dobby.protocol.SlackPreview p) {
        handle.createUpdate("""
                        INSERT INTO slack_previews (channel, ts, thread_ts, user_id, tasks, created_at)
                        VALUES (:channel, :ts, :thread, :user, :tasks, :at)
                        ON CONFLICT (channel, ts) DO UPDATE SET thread_ts = excluded.thread_ts,
                            user_id = excluded.user_id, tasks = excluded.tasks""")
                .bind("channel", p.channel()).bind("ts", p.ts()).bind("thread", p.threadTs()).bind("user", p.user())
                .bind("tasks", Json.write(p.tasks())).bind("at", Rows.millis(p.createdAt())).execute();
    }

    @Override
    public boolean deleteSlackPreview(String channel, String ts) {
        return handle.createUpdate("DELETE FROM slack_previews WHERE channel = :channel AND ts = :ts")
                .bind("channel", channel).bind("ts", ts).execute() == 1;
    }

    @Override
    public int deleteSlackPreviewsBefore(Instant before) {
        return handle.createUpdate("DELETE FROM slack_previews WHERE created_at < :before")
                .bind("before", Rows.millis(before)).execute();
    }

    @Override
    public void putSlackThread(dev.dobby.protocol.SlackThread t) {
        handle.createUpdate("""
                        INSERT INTO slack_threads (task_id, channel, thread_ts, requester, requester_name, created_at)
                        VALUES (:task, :channel, :thread, :requester, :name, :at)
                        ON CONFLICT (task_id) DO UPDATE SET channel = excluded.channel, thread_ts = excluded.thread_ts,
                            requester = excluded.requester, requester_name = excluded.requester_name""")
                .bind("task", t.taskId()).bind("channel", t.channel()).bind("thread", t.threadTs())
                .bind("requester", t.requester()).bind("name", t.requesterName())
                .bind("at", Rows.millis(t.createdAt())).execute();
    }

    @Override
    public boolean markSlackThreadReported(long taskId, Instant at) {
        return handle.createUpdate("UPDATE slack_threads SET notified_at = :at WHERE task_id = :task AND notified_at IS NULL")
                .bind("task", taskId).bind("at", Rows.millis(at)).execute() == 1;
    }

    @Override
    public void insertAssistantCall(dev.dobby.protocol.AssistantCall c, Instant at) {
        handle.createUpdate("""
                        INSERT INTO assistant_calls (purpose, by_name, model, tokens_in, tokens_out, cost_usd, created_at)
                        VALUES (:purpose, :by, :model, :tin, :tout, :cost, :at)""")
                .bind("purpose", c.purpose()).bind("by", c.by()).bind("model", c.model()).bind("tin", c.tokensIn())
                .bind("tout", c.tokensOut()).bind("cost", c.costUsd()).bind("at", Rows.millis(at)).execute();
    }

    @Override
    public void setGpuRequest(long taskId, dev.dobby.protocol.GpuRequest request) {
        handle.createUpdate("UPDATE tasks SET gpus = :gpus, gpu_model = :model, gpu_memory_mb = :memory WHERE id = :id")
                .bind("id", taskId).bind("gpus", request.count()).bind("model", request.model())
                .bind("memory", request.memoryMb()).execute();
    }

    @Override
    public void setAttemptGpus(long attemptId, List<Integer> indices) {
        GpuRows.setAttemptGpus(handle, attemptId, indices);
    }

    @Override
    public long insertTrackedJob(dev.dobby.protocol.gpu.TrackedJob job) {
        return GpuRows.insert(handle, job);
    }

    @Override
    public void updateTrackedJob(dev.dobby.protocol.gpu.JobUpdate update, Instant polledAt, Instant endedAt) {
        GpuRows.update(handle, update, polledAt, endedAt);
    }

    @Override
    public void requestJobStop(long id) {
        GpuRows.requestStop(handle, id);
    }
}
