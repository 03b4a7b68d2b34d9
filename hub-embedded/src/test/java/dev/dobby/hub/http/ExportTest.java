package dev.dobby.hub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.dobby.hub.core.Exporter;
import dev.dobby.hub.testing.FakeWorker;
import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.ExportFormat;
import dev.dobby.protocol.ExportRow;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.Outcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /export: tasks with their results as RFC 4180 CSV or JSON, read back by a strict parser. */
class ExportTest {
    static final String AWKWARD = "fix \"the\" bug, then\r\nsay so\nin two lines; ünïcödé ✓";

    @TempDir
    Path home;
    TestHub hub;

    @BeforeEach
    void start() {
        hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0));
        hub.project("p");
        hub.project("q");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private byte[] export(ExportFormat format, String project) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        hub.client().export(format, project, out);
        return out.toByteArray();
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndReadsBackExactly() {
        Task awkward = hub.api().createTask(NewTask.of(AWKWARD, "p").withBackend(Backend.SHELL));
        Task plain = hub.api().createTask(NewTask.of("plain", "q").withBackend(Backend.SHELL)
                .withDependsOn(List.of(awkward.id())));
        FakeWorker worker = new FakeWorker(hub.hub().work(), "w", List.of(Backend.SHELL), List.of(), 1);
        Assignment assignment = worker.take();
        hub.hub().work().finish(assignment.attempt(), new Outcome(TaskStatus.COMPLETED, 0, 12.5, "done, \"really\"\nok",
                List.of("a.txt", "b c.txt"), 1200L, 340L, 0.25, 3, "s-1", null, null, null, false, null, false, null, 0));

        String csv = new String(export(ExportFormat.CSV, null), StandardCharsets.UTF_8);
        assertThat(csv).endsWith("\r\n");
        List<List<String>> rows = Rfc4180.parse(csv);
        assertThat(rows.getFirst()).isEqualTo(Exporter.csvHeader());
        assertThat(rows).hasSize(3);
        List<String> header = rows.getFirst();
        List<String> first = rows.get(1);
        assertThat(first.get(header.indexOf("id"))).isEqualTo(Long.toString(awkward.id()));
        assertThat(first.get(header.indexOf("description"))).isEqualTo(AWKWARD);
        assertThat(first.get(header.indexOf("status"))).isEqualTo("completed");
        assertThat(first.get(header.indexOf("summary"))).isEqualTo("done, \"really\"\nok");
        assertThat(first.get(header.indexOf("tokens_in"))).isEqualTo("1200");
        assertThat(first.get(header.indexOf("tokens_out"))).isEqualTo("340");
        assertThat(first.get(header.indexOf("cost_usd"))).isEqualTo("0.25");
        assertThat(first.get(header.indexOf("duration_s"))).isEqualTo("12.5");
        assertThat(first.get(header.indexOf("files_changed"))).isEqualTo("a.txt b c.txt");
        List<String> second = rows.get(2);
        assertThat(second.get(header.indexOf("project"))).isEqualTo("q");
        assertThat(second.get(header.indexOf("status"))).isEqualTo("pending");
        assertThat(second.get(header.indexOf("depends_on"))).isEqualTo(Long.toString(awkward.id()));
        assertThat(second.get(header.indexOf("summary"))).as("no result yet").isEmpty();
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSameSizeAs(header));
        assertThat(plain.id()).isEqualTo(Long.parseLong(second.get(0)));
    }

    @Test
    void jsonIsAnArrayOfTasksWithTheirResults() throws Exception {
        Task task = hub.api().createTask(NewTask.of(AWKWARD, "p").withBackend(Backend.SHELL));
        hub.api().createTask(NewTask.of("other", "q").withBackend(Backend.SHELL));
        FakeWorker worker = new FakeWorker(hub.hub().work(), "w", List.of(Backend.SHELL), List.of(), 1);
        worker.finish(worker.take(), TaskStatus.FAILED, 2, "broke");

        List<ExportRow> rows = Json.lenient().readValue(export(ExportFormat.JSON, "p"), new TypeReference<>() { });
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.task().id()).isEqualTo(task.id());
            assertThat(row.task().description()).isEqualTo(AWKWARD);
            assertThat(row.result().summary()).isEqualTo("broke");
            assertThat(row.result().exitCode()).isEqualTo(2);
        });
    }

    @Test
    void aLongHistoryComesOutWholeInOrderAcrossPages() {
        List<NewBatch.Entry> entries = IntStream.range(0, 1000)
                .mapToObj(i -> NewBatch.Entry.of(null, "task " + i + ", with a comma", i % 3 == 0 ? "q" : "p"))
                .toList();
        hub.api().createBatch(new NewBatch(null, entries));
        hub.api().createBatch(new NewBatch(null, entries.subList(0, 234)));

        List<List<String>> rows = Rfc4180.parse(new String(export(ExportFormat.CSV, null), StandardCharsets.UTF_8));
        List<Long> ids = rows.subList(1, rows.size()).stream().map(r -> Long.parseLong(r.getFirst())).toList();
        assertThat(ids).hasSize(1234).isSorted().doesNotHaveDuplicates();
        List<List<String>> onlyQ = Rfc4180.parse(new String(export(ExportFormat.CSV, "q"), StandardCharsets.UTF_8));
        assertThat(onlyQ.subList(1, onlyQ.size())).hasSize(334 + 78).allSatisfy(r -> assertThat(r.get(1)).isEqualTo("q"));

        Http.Reply raw = new Http(hub.url()).get("/export?format=json");
        assertThat(raw.header("Content-Length")).as("sent as it is read, not measured first").isNull();
        assertThat(raw.header("Transfer-Encoding")).isEqualTo("chunked");
    }

    @Test
    void badExportRequestsAreRefused() {
        hub.api().createTask(NewTask.of("one", "p"));
        Http http = new Http(hub.url());
        Http.Reply csv = http.get("/export?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"dobby-export.csv\"");

        Http.Reply badFormat = http.get("/export?format=xml");
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.error()).contains("unknown format 'xml' (expected one of: csv, json)");
        Http.Reply unknown = http.get("/export?project=nowhere");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("no project 'nowhere'");
        assertThatThrownBy(() -> export(ExportFormat.JSON, "nowhere"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    /** A strict RFC 4180 reader: CRLF between records, quoted fields may hold anything, "" is a quote. */
    static final class Rfc4180 {
        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int i = 0;
            boolean fieldStarted = false;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (!fieldStarted && c == '"') {
                    i++;
                    while (true) {
                        if (i >= text.length()) {
                            throw new AssertionError("unterminated quoted field");
                        }
                        char q = text.charAt(i);
                        if (q == '"') {
                            if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                                field.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        field.append(q);
                        i++;
                    }
                    fieldStarted = true;
                    if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                        throw new AssertionError("text after a closing quote at " + i);
                    }
                    continue;
                }
                if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                    fieldStarted = false;
                    i++;
                } else if (c == '\r') {
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                        throw new AssertionError("a bare CR outside quotes at " + i);
                    }
                    record.add(field.toString());
                    field.setLength(0);
                    fieldStarted = false;
                    records.add(record);
                    record = new ArrayList<>();
                    i += 2;
                } else if (c == '\n' || c == '"') {
                    throw new AssertionError("'" + c + "' outside quotes at " + i);
                } else {
                    field.append(c);
                    fieldStarted = true;
                    i++;
                }
            }
            if (fieldStarted || !record.isEmpty()) {
                throw new AssertionError("the last record does not end with CRLF");
            }
            return records;
        }
    }
}
