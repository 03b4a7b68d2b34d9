package dev.dobby.hub.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dobby.hub.store.Store;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.ExportFormat;
import dev.dobby.protocol.ExportRow;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.TaskResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes tasks joined with their latest results, oldest first, reading the store a page at a time and writing each
 * page out before reading the next, so an export of any size needs the memory of one page.
 */
public final class Exporter {
    static final int PAGE = 500;

    /** The CSV columns, in order: a header and how to get the value from a row. */
    private static final List<Column> COLUMNS = List.of(
            col("id", r -> r.task().id()),
            col("project", r -> r.task().project()),
            col("description", r -> r.task().description()),
            col("status", r -> r.task().status().wire()),
            col("status_reason", r -> r.task().statusReason()),
            col("backend", r -> r.task().backend().wire()),
            col("priority", r -> r.task().priority().wire()),
            col("depends_on", r -> r.task().dependsOn().stream().map(String::valueOf).collect(Collectors.joining(" "))),
            col("batch_id", r -> r.task().batchId()),
            col("schedule_id", r -> r.task().scheduleId()),
            col("catch_up", r -> r.task().scheduleId() == null ? null : r.task().catchUp()),
            col("attempts", r -> r.task().attempts()),
            col("worker", r -> r.task().worker()),
            col("created_at", r -> r.task().createdAt()),
            col("started_at", r -> r.task().startedAt()),
            col("finished_at", r -> r.task().finishedAt()),
            col("exit_code", r -> result(r, TaskResult::exitCode)),
            col("duration_s", r -> result(r, TaskResult::durationSeconds)),
            col("tokens_in", r -> result(r, TaskResult::tokensIn)),
            col("tokens_out", r -> result(r, TaskResult::tokensOut)),
            col("cost_usd", r -> result(r, TaskResult::costUsd)),
            col("turns", r -> result(r, TaskResult::turns)),
            col("branch", r -> result(r, TaskResult::branch)),
            col("files_changed", r -> r.result() == null ? null : String.join(" ", r.result().filesChanged())),
            col("summary", r -> result(r, TaskResult::summary)));

    private final Store store;

    public Exporter(Store store) {
        this.store = store;
    }

    private record Column(String name, Function<ExportRow, Object> value) {
    }

    private static Column col(String name, Function<ExportRow, Object> value) {
        return new Column(name, value);
    }

    private static Object result(ExportRow row, Function<TaskResult, Object> field) {
        return row.result() == null ? null : field.apply(row.result());
    }

    /** Write the export to {@code out} (left open). A project that does not exist is a 404 before anything is written. */
    public void write(ExportFormat format, String project, OutputStream out) {
        if (format == null) {
            throw ApiException.badRequest("format must be csv or json");
        }
        if (project != null && store.read(tx -> tx.project(project)).isEmpty()) {
            throw ApiException.notFound("no project '" + project + "'");
        }
        try {
            if (format == ExportFormat.CSV) {
                writeCsv(project, out);
            } else {
                writeJson(project, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the export could not be written: " + e.getMessage(), e);
        }
    }

    private void writeCsv(String project, OutputStream out) throws IOException {
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        csvLine(csv, COLUMNS.stream().map(Column::name).toList());
        long after = 0;
        List<ExportRow> page;
        do {
            long from = after;
            page = store.read(tx -> tx.exportPage(project, from, PAGE));
            for (ExportRow row : page) {
                csvLine(csv, COLUMNS.stream().map(c -> text(c.value().apply(row))).toList());
                after = row.task().id();
            }
            csv.flush();
        } while (page.size() == PAGE);
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        return String.valueOf(value);
    }

    /** One RFC 4180 record: fields with a comma, quote, CR or LF are quoted, quotes doubled; CRLF at the end. */
    static void csvLine(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String field = fields.get(i);
            if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                    || field.indexOf('\r') >= 0) {
                out.write('"');
                out.write(field.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(field);
            }
        }
        out.write("\r\n");
    }

    private void writeJson(String project, OutputStream out) throws IOException {
        ObjectWriter writer = Json.lenient().writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        JsonGenerator json = Json.lenient().getFactory().createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartArray();
        long after = 0;
        List<ExportRow> page;
        do {
            long from = after;
            page = store.read(tx -> tx.exportPage(project, from, PAGE));
            for (ExportRow row : page) {
                writer.writeValue(json, row);
                after = row.task().id();
            }
            json.flush();
        } while (page.size() == PAGE);
        json.writeEndArray();
        json.flush();
    }

    /** For tests and callers that want the column names. */
    public static List<String> csvHeader() {
        return COLUMNS.stream().map(Column::name).toList();
    }
}
