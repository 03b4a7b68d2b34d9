package dev.dobby.hub.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dobby.hub.store.AttemptRecord;
import dev.dobby.hub.store.ScheduleRecord;
import dev.dobby.hub.store.SpokeRecord;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Schedule;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Mapping between rows and records. Times are stored as epoch milliseconds, lists and policies as JSON. */
final class Rows {
    static final ObjectMapper JSON = Json.lenient();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private Rows() {
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    static String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T fromJson(String text, Class<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> stringList(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        try {
            return JSON.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A task without its dependencies, which live in another table. */
    static Task task(ResultSet rs, List<Long> dependsOn) throws SQLException {
        return new Task(
                rs.getLong("id"),
                rs.getString("description"),
                rs.getString("project"),
                Backend.fromWire(rs.getString("backend")),
                Priority.ofRank(rs.getInt("priority")),
                TaskStatus.fromWire(rs.getString("status")),
                rs.getString("status_reason"),
                rs.getInt("timeout_s"),
                dependsOn,
                longOrNull(rs, "batch_id"),
                rs.getString("target_spoke"),
                stringList(rs.getString("target_tags")),
                rs.getInt("worktree") != 0,
                fromJson(rs.getString("options"), dev.dobby.protocol.AgentOptions.class),
                rs.getInt("attempts"),
                rs.getString("worker"),
                integer(rs, "exit_code"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getString("plan"),
                longOrNull(rs, "plan_for"),
                longOrNull(rs, "schedule_id"),
                instant(rs, "scheduled_for"),
                rs.getInt("catch_up") != 0,
                instant(rs, "not_before"),
                rs.getInt("gpus"),
                rs.getString("gpu_model"),
                longOrNull(rs, "gpu_memory_mb"),
                fromJson(rs.getString("running_placement"), dev.dobby.protocol.work.Placement.class));
    }

    static ScheduleRecord schedule(ResultSet rs) throws SQLException {
        Long everySeconds = longOrNull(rs, "every_s");
        return new ScheduleRecord(
                rs.getLong("id"),
                rs.getString("project"),
                rs.getString("description"),
                rs.getString("cron"),
                everySeconds == null ? null : Duration.ofSeconds(everySeconds),
                rs.getString("every_text"),
                fromJson(rs.getString("template"), NewTask.class),
                Schedule.State.fromWire(rs.getString("state")),
                instant(rs, "created_at"),
                instant(rs, "next_run_at"),
                instant(rs, "last_run_at"),
                longOrNull(rs, "last_task_id"),
                rs.getInt("runs"),
                instant(rs, "cancelled_at"));
    }

    static Project project(ResultSet rs) throws SQLException {
        return new Project(
                rs.getString("name"),
                rs.getString("path"),
                rs.getString("context"),
                fromJson(rs.getString("policy"), ProjectPolicy.class),
                instant(rs, "created_at"),
                rs.getInt("remote") != 0);
    }

    static AttemptRecord attempt(ResultSet rs) throws SQLException {
        return new AttemptRecord(
                rs.getLong("id"),
                rs.getLong("task_id"),
                rs.getInt("number"),
                rs.getString("worker"),
                rs.getString("token"),
                AttemptRecord.State.fromWire(rs.getString("status")),
                instant(rs, "lease_until"),
                longOrNull(rs, "pid"),
                instant(rs, "process_start"),
                rs.getLong("log_chunks"),
                rs.getLong("log_lines"),
                rs.getString("progress"),
                rs.getString("outcome"),
                instant(rs, "started_at"),
                instant(rs, "ended_at"),
                instant(rs, "accepted_at"));
    }

    static TaskResult result(ResultSet rs) throws SQLException {
        return new TaskResult(
                rs.getLong("task_id"),
                rs.getInt("attempt"),
                TaskStatus.fromWire(rs.getString("status")),
                rs.getString("summary"),
                integer(rs, "exit_code"),
                rs.getDouble("duration_s"),
                rs.getString("artifacts_dir"),
                stringList(rs.getString("files_changed")),
                longOrNull(rs, "tokens_in"),
                longOrNull(rs, "tokens_out"),
                doubleOrNull(rs, "cost_usd"),
                integer(rs, "turns"),
                rs.getString("session_id"),
                rs.getString("branch"),
                rs.getString("base_commit"),
                rs.getString("diff_stat"),
                rs.getInt("rate_limited") != 0,
                instant(rs, "rate_limited_until"),
                rs.getInt("incomplete") != 0,
                instant(rs, "created_at"));
    }

    static LogLine logLine(ResultSet rs) throws SQLException {
        return new LogLine(
                rs.getLong("seq"),
                rs.getLong("task_id"),
                rs.getInt("attempt"),
                rs.getString("stream"),
                instant(rs, "at"),
                rs.getString("text"));
    }

    static SpokeRecord spoke(ResultSet rs) throws SQLException {
        return new SpokeRecord(
                rs.getString("id"),
                rs.getString("token_hash"),
                rs.getInt("local") != 0,
                Spoke.State.fromWire(rs.getString("state")),
                fromJson(rs.getString("capabilities"), Spoke.Capabilities.class),
                instant(rs, "registered_at"),
                instant(rs, "last_heartbeat"));
    }

    /** A URL cut down to scheme, host and port: paths and queries of webhook URLs often carry secrets. */
    static String shortUrl(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
        } catch (IllegalArgumentException e) {
            return "(unreadable URL)";
        }
    }
}
