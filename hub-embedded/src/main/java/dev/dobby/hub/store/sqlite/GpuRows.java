package dev.dobby.hub.store.sqlite;

import dev.dobby.hub.store.GpuHolder;
import dev.dobby.hub.store.PendingGpuTask;
import dev.dobby.protocol.GpuRequest;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.gpu.JobUpdate;
import dev.dobby.protocol.gpu.TrackedJob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL of GPU reservations and tracked jobs. */
final class GpuRows {

    private GpuRows() {
    }

    static List<GpuHolder> holders(Handle handle, String worker) {
        return handle.createQuery("""
                        SELECT a.id, a.task_id, t.project, a.gpu_indices FROM attempts a JOIN tasks t ON t.id = a.task_id
                        WHERE a.worker = :worker AND a.status = 'running' AND a.gpu_indices IS NOT NULL""")
                .bind("worker", worker)
                .map((rs, ctx) -> holder(rs))
                .list();
    }

    static Map<String, List<GpuHolder>> allHolders(Handle handle) {
        Map<String, List<GpuHolder>> byWorker = new LinkedHashMap<>();
        handle.createQuery("""
                        SELECT a.id, a.task_id, a.worker, t.project, a.gpu_indices FROM attempts a
                        JOIN tasks t ON t.id = a.task_id
                        WHERE a.status = 'running' AND a.gpu_indices IS NOT NULL""")
                .map((rs, ctx) -> Map.entry(rs.getString("worker"), holder(rs)))
                .forEach(e -> byWorker.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
        return byWorker;
    }

    private static GpuHolder holder(ResultSet rs) throws SQLException {
        return new GpuHolder(rs.getLong("id"), rs.getLong("task_id"), rs.getString("project"),
                List.of(Json.read(rs.getString("gpu_indices"), Integer[].class)));
    }

    static List<PendingGpuTask> pendingGpuTasks(Handle handle) {
        return handle.createQuery("""
                        SELECT id, project, gpus, gpu_model, gpu_memory_mb, status_reason FROM tasks
                        WHERE status = 'pending' AND gpus > 0 ORDER BY priority, id""")
                .map((rs, ctx) -> new PendingGpuTask(rs.getLong("id"), rs.getString("project"),
                        GpuRequest.of(rs.getInt("gpus"), rs.getString("gpu_model"),
                                Rows.longOrNull(rs, "gpu_memory_mb")), rs.getString("status_reason")))
                .list();
    }

    static void setAttemptGpus(Handle handle, long attemptId, List<Integer> indices) {
        handle.createUpdate("UPDATE attempts SET gpu_indices = :gpus WHERE id = :id")
                .bind("gpus", Json.write(indices)).bind("id", attemptId).execute();
    }

    static Optional<TrackedJob> job(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM tracked_jobs WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> job(rs)).findOne();
    }

    static List<TrackedJob> jobs(Handle handle, Long taskId, int limit) {
        String where = taskId == null ? "" : " WHERE task_id = :task";
        var query = handle.createQuery("SELECT * FROM tracked_jobs" + where + " ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit);
        if (taskId != null) {
            query.bind("task", taskId);
        }
        return query.map((rs, ctx) -> job(rs)).list();
    }

    static List<TrackedJob> running(Handle handle, String worker) {
        return handle.createQuery("SELECT * FROM tracked_jobs WHERE worker = :worker AND state = 'running' ORDER BY id")
                .bind("worker", worker).map((rs, ctx) -> job(rs)).list();
    }

    static long insert(Handle handle, TrackedJob job) {
        return handle.createQuery("""
                        INSERT INTO tracked_jobs (task_id, worker, kind, pid, slurm_job, log_path, label, state, detail,
                            created_at)
                        VALUES (:task, :worker, :kind, :pid, :slurm, :log, :label, :state, :detail, :at)
                        RETURNING id""")
                .bind("task", job.taskId()).bind("worker", job.worker()).bind("kind", job.kind().wire())
                .bind("pid", job.pid()).bind("slurm", job.slurmJob()).bind("log", job.logPath())
                .bind("label", job.label()).bind("state", job.state().wire()).bind("detail", job.detail())
                .bind("at", Rows.millis(job.createdAt()))
                .mapTo(Long.class).one();
    }

    static void update(Handle handle, JobUpdate update, Instant polledAt, Instant endedAt) {
        handle.createUpdate("""
                        UPDATE tracked_jobs SET state = :state, detail = :detail, exit_code = :exit,
                            pid = coalesce(:pid, pid), gpu_memory_mib = :memory, gpus = :gpus, log_tail = :tail,
                            polled_at = :polled, ended_at = coalesce(ended_at, :ended)
                        WHERE id = :id""")
                .bind("state", update.state().wire()).bind("detail", update.detail()).bind("exit", update.exitCode())
                .bind("pid", update.pid()).bind("memory", update.gpuMemoryMib())
                .bind("gpus", Json.write(update.gpus())).bind("tail", Json.write(update.logTail()))
                .bind("polled", Rows.millis(polledAt)).bind("ended", Rows.millis(endedAt))
                .bind("id", update.id()).execute();
    }

    static void requestStop(Handle handle, long id) {
        handle.createUpdate("UPDATE tracked_jobs SET stop_requested = 1 WHERE id = :id").bind("id", id).execute();
    }

    private static TrackedJob job(ResultSet rs) throws SQLException {
        String gpus = rs.getString("gpus");
        String tail = rs.getString("log_tail");
        return new TrackedJob(rs.getLong("id"), Rows.longOrNull(rs, "task_id"), rs.getString("worker"),
                TrackedJob.Kind.fromWire(rs.getString("kind")), Rows.longOrNull(rs, "pid"), rs.getString("slurm_job"),
                rs.getString("log_path"), rs.getString("label"), TrackedJob.State.fromWire(rs.getString("state")),
                rs.getString("detail"), Rows.integer(rs, "exit_code"), Rows.longOrNull(rs, "gpu_memory_mib"),
                gpus == null ? List.of() : List.of(Json.read(gpus, Integer[].class)), tail == null ? List.of() : List.of(Json.read(tail, String[].class)),
                rs.getInt("stop_requested") != 0, Rows.instant(rs, "created_at"), Rows.instant(rs, "polled_at"),
                Rows.instant(rs, "ended_at"));
    }
}
