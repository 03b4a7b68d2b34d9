package dev.dobby.hub.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.ExportFormat;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials an agent prints (here: a file it reads) are masked by their shape in everything the hub keeps. */
class SecretMaskingTest {
    private static final List<String> TOKENS = List.of(
            "sk-ant-api03-AbCdEf0123456789_-xyzXYZ0123456789",
            "ghp_0123456789abcdefghijABCDEFGHIJ012345",
            "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789",
            "AKIAIOSFODNN7EXAMPLE",
            "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U");
    private static final String KEY_BODY = "MHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY";

    @TempDir
    Path home;

    @Test
    void aCatOfAFileFullOfCredentialsLeavesNoneOfThemInTheLogResultOrExport() throws Exception {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            Path file = Files.writeString(home.resolve("leaked.txt"), String.join("\n", TOKENS)
                    + "\n-----BEGIN EC PRIVATE KEY-----\n" + KEY_BODY + "\n-----END EC PRIVATE KEY-----\nall done\n");
            long id = hub.shell("p", "cat '" + file + "'; cat '" + file + "' >&2").id();
            assertThat(hub.awaitEnd(id, Duration.ofSeconds(30)).status()).isEqualTo(TaskStatus.COMPLETED);

            String log = hub.api().logs(id, 0, 1000).lines().stream().map(LogLine::text)
                    .collect(Collectors.joining("\n"));
            assertThat(log).contains("[redacted]").contains("all done");
            String result = Json.write(hub.api().result(id));
            ByteArrayOutputStream export = new ByteArrayOutputStream();
            hub.client().export(ExportFormat.JSON, "p", export);
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            hub.client().export(ExportFormat.CSV, "p", csv);

            for (String kept : List.of(log, result, export.toString(StandardCharsets.UTF_8),
                    csv.toString(StandardCharsets.UTF_8))) {
                Stream.concat(TOKENS.stream(), Stream.of(KEY_BODY))
                        .forEach(token -> assertThat(kept).doesNotContain(token));
            }
        }
    }
}
