package dev.dobby.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A description must fit in one command-line argument, counted in bytes of UTF-8, not in characters. */
class DescriptionLimitTest {
    @TempDir
    Path home;

    /** A shell command of exactly {@code bytes} bytes, mostly two-byte characters in a comment-like no-op. */
    private static String shellOf(int bytes) {
        String head = ": '";
        String tail = "'; echo started";
        int room = bytes - head.length() - tail.length();
        String body = "é".repeat(room / 2) + "x".repeat(room % 2);
        String command = head + body + tail;
        assertThat(command.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return command;
    }

    private static String task(String description, String extra) {
        return Json.write(Map.of("description", description, "project", "p", "backend", "shell")).replaceFirst("}$",
                extra + "}");
    }

    @Test
    void justUnderTheLimitRunsAndJustOverIsRefusedWithTheSizes() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            Http http = new Http(hub.url());

            Http.Reply under = http.post("/tasks", task(shellOf(100_000), ""));
            assertThat(under.status()).as(under.body()).isEqualTo(201);
            long id = under.json().path("id").asLong();
            assertThat(hub.awaitEnd(id, Duration.ofSeconds(30)).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(hub.api().logs(id, 0, 10).lines().getFirst().text()).isEqualTo("started");

            String over = shellOf(100_001);
            assertThat(over.length()).as("fewer characters than the old limit").isLessThan(100_000);
            Http.Reply refused = http.post("/tasks", task(over, ""));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.error()).startsWith("description is 97.7 KiB (100001 bytes of UTF-8); the limit is"
                    + " 100000 bytes");
            assertThat(http.post("/tasks", task(over, ",\"every\":\"1h\"")).status()).isEqualTo(400);
            assertThat(http.post("/batches", "{\"tasks\":[" + task(over, "") + "]}").status()).isEqualTo(400);
            assertThat(http.patch("/tasks/" + id, "{\"description\":" + Json.write(over) + "}").status())
                    .isIn(400, 409);
        }
    }
}
