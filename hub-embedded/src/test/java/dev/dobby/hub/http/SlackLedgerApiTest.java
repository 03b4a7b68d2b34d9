package dev.dobby.hub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.AssistantCall;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.SlackPreview;
import dev.dobby.protocol.SlackThread;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.client.HubHttpClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Slack bot's previews and threads, and the assistant's costs, over HTTP on a real hub, across a hub restart. */
class SlackLedgerApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void previewsAndThreadsOutliveARestartAndAreTakenOrReportedOnce() throws Exception {
        long taskId;
        SlackPreview first;
        try (TestHub hub = TestHub.start(home)) {
            hub.project("spare");
            HubHttpClient api = hub.client();
            first = api.putSlackPreview(new SlackPreview("C1", "100.1", "99.0", "U1",
                    JSON.readTree("[{\"description\":\"fix it\"}]"), null));
            assertThat(first.createdAt()).isNotNull();
            SlackPreview edited = api.putSlackPreview(new SlackPreview("C1", "100.1", "99.0", "U1",
                    JSON.readTree("[{\"description\":\"fix it now\"}]"), null));
            assertThat(edited.createdAt()).isEqualTo(first.createdAt());

            Task task = api.createTask(NewTask.of("echo hi", "spare"));
            taskId = task.id();
            api.putSlackThread(new SlackThread(taskId, "C1", "99.0", "U1", "Ada Lovelace", null, null));
            api.recordAssistantCall(new AssistantCall("slack-request", "Claude Code (claude-haiku-4-5)",
                    "claude-haiku-4-5", 812, 64, 0.001132));
        }
        try (TestHub hub = TestHub.start(home)) {
            HubHttpClient api = hub.client();
            SlackPreview inThread = api.slackPreview("C1", null, "99.0");
            assertThat(inThread.ts()).isEqualTo("100.1");
            assertThat(inThread.tasks().get(0).path("description").asText()).isEqualTo("fix it now");
            assertThat(inThread.createdAt()).isEqualTo(first.createdAt());

            assertThat(api.takeSlackPreview("C1", "100.1").user()).isEqualTo("U1");
            assertThatThrownBy(() -> api.takeSlackPreview("C1", "100.1"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));

            assertThat(api.unreportedSlackThreads()).extracting(SlackThread::taskId).containsExactly(taskId);
            assertThat(api.slackThread(taskId).requesterName()).isEqualTo("Ada Lovelace");
            assertThat(api.markSlackThreadReported(taskId).notifiedAt()).isNotNull();
            assertThatThrownBy(() -> api.markSlackThreadReported(taskId))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
            assertThat(api.unreportedSlackThreads()).isEmpty();

            var costs = api.recordAssistantCall(new AssistantCall("slack-summary", "Anthropic API (claude-haiku-4-5)",
                    "claude-haiku-4-5", 1000, 200, 0.002));
            assertThat(costs.calls()).isEqualTo(2);
            assertThat(costs.tokensIn()).isEqualTo(1812);
            assertThat(costs.costUsd()).isCloseTo(0.003132, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(api.assistantCosts().callsLast30Days()).isEqualTo(2);
        }
    }

    @Test
    void previewsNobodyReactedToAreForgottenAfterNinetyDays() throws Exception {
        var clock = dev.dobby.hub.testing.SteppedClock.running(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        try (TestHub hub = TestHub.start(home, c -> c, b -> b.clock(clock))) {
            HubHttpClient api = hub.client();
            api.putSlackPreview(new SlackPreview("C1", "1.0", "1.0", "U1", JSON.readTree("[]"), null));
            clock.step(java.time.Duration.ofDays(89));
            api.putSlackPreview(new SlackPreview("C1", "2.0", "2.0", "U1", JSON.readTree("[]"), null));
            assertThat(api.slackPreview("C1", "1.0", null).ts()).isEqualTo("1.0");
            clock.step(java.time.Duration.ofDays(2));
            api.putSlackPreview(new SlackPreview("C1", "3.0", "3.0", "U1", JSON.readTree("[]"), null));
            assertThatThrownBy(() -> api.slackPreview("C1", "1.0", null))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
            assertThat(api.slackPreview("C1", "2.0", null).ts()).isEqualTo("2.0");
        }
    }

    @Test
    void badRequestsAreRefusedWithAMessage() throws Exception {
        try (TestHub hub = TestHub.start(home)) {
            HubHttpClient api = hub.client();
            assertThatThrownBy(() -> api.putSlackPreview(new SlackPreview(null, "1", "1", null, JSON.readTree("[]"), null)))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("channel is required");
                    });
            assertThatThrownBy(() -> api.putSlackThread(new SlackThread(424242, "C1", "1.0", null, null, null, null)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
            assertThatThrownBy(() -> api.recordAssistantCall(new AssistantCall("x", "y", null, -1, 0, 0)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
            assertThatThrownBy(() -> api.slackPreview("C1", null, "nowhere"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
    }
}
