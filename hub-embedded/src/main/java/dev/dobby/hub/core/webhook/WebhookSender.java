package dev.dobby.hub.core.webhook;

import dev.dobby.protocol.WebhookDelivery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes one webhook call: a POST of the JSON body, with a timeout, retried after the given delays when the
 * receiver cannot be reached, answers 5xx, 408 or 429. Redirects are followed (at most {@link #MAX_REDIRECTS}) only
 * to targets that pass the same address check as the first.
 */
public final class WebhookSender {
    static final int MAX_REDIRECTS = 3;

    private final WebhookTargets targets;
    private final List<Duration> retryDelays;
    private final Duration timeout;
    /** Made at the first delivery: building one sets up TLS, ~100 ms of a start for a hub that may send none. */
    private volatile HttpClient http;

    /** How a delivery stands after its tries. */
    public record Outcome(WebhookDelivery.State state, int attempts, Integer httpStatus, String error) {
    }

    /**
     * @param retryDelays the waits before the second, third, ... try; the number of tries is one more than their count
     * @param timeout     for connecting, and again for the answer
     */
    public WebhookSender(WebhookTargets targets, List<Duration> retryDelays, Duration timeout) {
        this.targets = targets;
        this.retryDelays = List.copyOf(retryDelays);
        this.timeout = timeout;
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder()
                            .connectTimeout(timeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                }
                client = http;
            }
        }
        return client;
    }

    /**
     * Try to deliver, starting after {@code triesSoFar} earlier tries; {@code afterFailedTry} hears of each failed try
     * that will be retried. Null if interrupted (the hub is stopping): the delivery stays as it was.
     */
    public Outcome send(String url, String payload, String event, long deliveryId, int triesSoFar,
                        Consumer<Outcome> afterFailedTry) {
        int tries = triesSoFar;
        while (true) {
            tries++;
            Outcome outcome = tryOnce(url, payload, event, deliveryId, tries);
            if (outcome.state() != WebhookDelivery.State.PENDING) {
                return outcome;
            }
            if (Thread.currentThread().isInterrupted()) {
                return null;
            }
            int retry = tries - 1;
            if (retry >= retryDelays.size()) {
                return new Outcome(WebhookDelivery.State.FAILED, tries, outcome.httpStatus(),
                        outcome.error() + " (gave up after " + tries + " tries)");
            }
            afterFailedTry.accept(outcome);
            try {
                Thread.sleep(retryDelays.get(retry).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** One try, following allowed redirects; PENDING means it may be retried. */
    private Outcome tryOnce(String url, String payload, String event, long deliveryId, int tries) {
        URI target;
        try {
            target = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Outcome(WebhookDelivery.State.REFUSED, tries, null, "not a URL");
        }
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            try {
                targets.check(target);
            } catch (WebhookTargets.Refused refused) {
                // A target refused at the first hop was never called: that try does not count.
                return new Outcome(WebhookDelivery.State.REFUSED, hop == 0 ? tries - 1 : tries, null,
                        (hop == 0 ? "" : "redirected to a refused target: ") + refused.getMessage());
            }
            HttpResponse<Void> response;
            try {
                response = http().send(HttpRequest.newBuilder(target)
                                .timeout(timeout)
                                .header("Content-Type", "application/json")
                                .header("User-Agent", "Dobby-hub")
                                .header("X-Dobby-Event", event)
                                .header("X-Dobby-Delivery", Long.toString(deliveryId))
                                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                return new Outcome(WebhookDelivery.State.PENDING, tries, null,
                        "could not reach the receiver: " + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : " " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(WebhookDelivery.State.PENDING, tries, null, "interrupted");
            } catch (IllegalArgumentException e) {
                return new Outcome(WebhookDelivery.State.REFUSED, tries, null, "not a usable URL: " + e.getMessage());
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Outcome(WebhookDelivery.State.DELIVERED, tries, status, null);
            }
            if (status >= 300 && status < 400) {
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null) {
                    return new Outcome(WebhookDelivery.State.FAILED, tries, status, "redirect without a Location");
                }
                try {
                    target = target.resolve(location);
                } catch (IllegalArgumentException e) {
                    return new Outcome(WebhookDelivery.State.FAILED, tries, status, "redirect to an unreadable URL");
                }
                continue;
            }
            boolean retryable = status >= 500 || status == 408 || status == 429;
            return new Outcome(retryable ? WebhookDelivery.State.PENDING : WebhookDelivery.State.FAILED, tries, status,
                    "the receiver answered HTTP " + status);
        }
        return new Outcome(WebhookDelivery.State.FAILED, tries, null, "more than " + MAX_REDIRECTS + " redirects");
    }
}
