package dev.dobby.hub.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.WebhookReceiver;
import dev.dobby.protocol.WebhookDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One webhook call against a receiver on loopback: retries, redirects, and where it gives up. */
class WebhookSenderTest {
    private final WebhookReceiver receiver = new WebhookReceiver();
    private final WebhookSender sender = new WebhookSender(new WebhookTargets(true),
            List.of(Duration.ofMillis(10), Duration.ofMillis(10)), Duration.ofSeconds(5));
    private final List<WebhookSender.Outcome> failedTries = new ArrayList<>();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private WebhookSender.Outcome send(String url) {
        return sender.send(url, "{\"event\":\"task.completed\"}", "task.completed", 7, 0, failedTries::add);
    }

    @Test
    void aFailingReceiverIsTriedAgainUntilItAnswers() {
        receiver.thenAnswer(500).thenAnswer(503);
        WebhookSender.Outcome outcome = send(receiver.url("/hook"));
        assertThat(outcome.state()).isEqualTo(WebhookDelivery.State.DELIVERED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(receiver.calls()).hasSize(3).allSatisfy(call -> {
            assertThat(call.header("X-Dobby-Delivery")).isEqualTo("7");
            assertThat(call.header("X-Dobby-Event")).isEqualTo("task.completed");
            assertThat(call.header("Content-Type")).isEqualTo("application/json");
            assertThat(call.body()).isEqualTo("{\"event\":\"task.completed\"}");
        });
        assertThat(failedTries).extracting(WebhookSender.Outcome::httpStatus).containsExactly(500, 503);
    }

    @Test
    void itGivesUpAfterTheLastRetryAndAtOnceOnAPlainRefusal() {
        receiver.thenAnswer(500).thenAnswer(500).thenAnswer(500);
        WebhookSender.Outcome outcome = send(receiver.url("/hook"));
        assertThat(outcome.state()).isEqualTo(WebhookDelivery.State.FAILED);
        assertThat(outcome.error()).isEqualTo("the receiver answered HTTP 500 (gave up after 3 tries)");

        receiver.thenAnswer(404);
        WebhookSender.Outcome notFound = send(receiver.url("/gone"));
        assertThat(notFound.state()).isEqualTo(WebhookDelivery.State.FAILED);
        assertThat(notFound.attempts()).as("a 4xx will not get better by asking again").isEqualTo(1);
    }

    @Test
    void redirectsAreFollowedOnlyToAllowedTargets() {
        receiver.thenRedirect(307, receiver.url("/moved"));
        assertThat(send(receiver.url("/hook")).state()).isEqualTo(WebhookDelivery.State.DELIVERED);
        assertThat(receiver.calls()).extracting(WebhookReceiver.Call::path).containsExactly("/hook", "/moved");

        receiver.thenRedirect(302, "http://169.254.169.254/latest/meta-data/iam/");
        WebhookSender.Outcome outcome = send(receiver.url("/hook"));
        assertThat(outcome.state()).isEqualTo(WebhookDelivery.State.REFUSED);
        assertThat(outcome.error()).startsWith("redirected to a refused target: 169.254.169.254 is the cloud metadata");

        WebhookSender strict = new WebhookSender(new WebhookTargets(false), List.of(), Duration.ofSeconds(5));
        WebhookSender.Outcome local = strict.send(receiver.url("/hook"), "{}", "task.failed", 8, 0, failedTries::add);
        assertThat(local.state()).isEqualTo(WebhookDelivery.State.REFUSED);
        assertThat(receiver.calls()).as("a refused target is never called").hasSize(3);
    }

    @Test
    void anUnreachableReceiverCountsAsAFailedTry() {
        String url = receiver.url("/hook");
        receiver.close();
        WebhookSender.Outcome outcome = send(url);
        assertThat(outcome.state()).isEqualTo(WebhookDelivery.State.FAILED);
        assertThat(outcome.error()).startsWith("could not reach the receiver");
        assertThat(outcome.attempts()).isEqualTo(3);
    }
}
