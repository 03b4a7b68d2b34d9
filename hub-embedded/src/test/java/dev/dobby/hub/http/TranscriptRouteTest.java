package dev.dobby.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.transcript.Transcript;
import dev.dobby.protocol.transcript.TranscriptEntry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /tasks/{id}/transcript over real HTTP, built from the log lines a fake claude printed through a real run. */
class TranscriptRouteTest {
    @TempDir
    Path home;

    private Path fakeClaude(String fixture) throws IOException {
        Path transcript = home.resolve(fixture);
        try (InputStream in = getClass().getResourceAsStream("/agents/" + fixture)) {
            Files.copy(in, transcript, StandardCopyOption.REPLACE_EXISTING);
        }
        Path script = home.resolve("claude.sh");
        Files.writeString(script, "#!/bin/sh\ncat '" + transcript + "'\necho 'a warning on stderr' >&2\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void aClaudeTaskReadsAsATranscriptAndFollowsFromTheOpenIndex() throws Exception {
        WorkerSettings worker = new WorkerSettings(System.getenv(), fakeClaude("claude-stream-sample-2.1.330.jsonl")
                .toString(), "/nonexistent/codex", PriceTable.EMPTY, Duration.ofDays(1));
        try (TestHub hub = TestHub.start(home, c -> c, b -> b.worker(worker))) {
            hub.project("app");
            Task task = hub.api().createTask(NewTask.of("create hello.txt", "app").withBackend(Backend.CLAUDE));
            assertThat(hub.awaitEnd(task.id(), Duration.ofSeconds(30)).status()).isEqualTo(TaskStatus.COMPLETED);

            Transcript all = hub.client().transcript(task.id(), null, 0);
            assertThat(all.entries()).extracting(TranscriptEntry::title).containsSubsequence(
                    "Session started · claude-opus-5-5", "I'll create hello.txt.", "Write hello.txt",
                    "Done: hello.txt now contains \"Hello, world!\".", "Completed");
            TranscriptEntry result = all.entries().stream().filter(e -> e.kind() == TranscriptEntry.Kind.RESULT)
                    .findFirst().orElseThrow();
            assertThat(result.meta()).startsWith("$0.0020 · 240 in · 50 out tokens");
            // stdout and stderr are spooled apart, so the stderr line may come anywhere; it is a raw entry
            assertThat(all.entries()).filteredOn(e -> e.kind() == TranscriptEntry.Kind.RAW)
                    .singleElement().satisfies(e -> {
                        assertThat(e.text()).isEqualTo("a warning on stderr");
                        assertThat(e.meta()).isEqualTo("stderr");
                    });
            assertThat(all.openFrom()).isEqualTo(all.entries().size());
            assertThat(all.lastSeq()).isPositive();

            Transcript tail = hub.client().transcript(task.id(), 1, 3);
            assertThat(tail.from()).isEqualTo(3);
            assertThat(tail.entries()).hasSize(all.entries().size() - 3);
            assertThat(tail.entries().getFirst()).isEqualTo(all.entries().get(3));
            assertThat(hub.client().transcript(task.id(), 2, 0).entries()).isEmpty();

            assertThat(get(hub, "/tasks/" + task.id() + "/transcript?from=-1")).startsWith("400 ")
                    .contains("from must not be negative");
            assertThat(get(hub, "/tasks/" + task.id() + "/transcript?from=abc")).startsWith("400 ")
                    .contains("whole number");
            assertThat(get(hub, "/tasks/" + task.id() + "/transcript?attempt=0")).startsWith("400 ");
            assertThat(get(hub, "/tasks/999/transcript")).startsWith("404 ");
        }
    }

    private static String get(TestHub hub, String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hub.url() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        }
    }
}
