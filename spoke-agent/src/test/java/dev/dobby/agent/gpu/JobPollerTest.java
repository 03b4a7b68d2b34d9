package dev.dobby.agent.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log tail of a tracked job leaves the machine (hub, webhooks, Slack), so it is masked like agent output. */
class JobPollerTest {
    @TempDir
    Path temp;

    @Test
    void theTailKeepsTheLastLinesAndMasksTokens() throws Exception {
        Path log = temp.resolve("train.log");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            text.append("epoch ").append(i).append('\n');
        }
        text.append("pushing with ghp_abcdefghijklmnopqrstuvwxyz0123456789AB\n");
        Files.writeString(log, text);

        var tail = JobPoller.tail(log);

        assertThat(tail).hasSize(JobPoller.TAIL_LINES);
        assertThat(tail.getFirst()).isEqualTo("epoch 12");
        assertThat(tail.getLast()).isEqualTo("pushing with [redacted]");
    }
}
