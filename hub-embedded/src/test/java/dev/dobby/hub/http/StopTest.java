package dev.dobby.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.client.HubHttpClient;
import dev.dobby.protocol.event.HubEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping does not hang on clients that are connected, streaming or gone, a second stop is harmless, and a request
 * in flight when the stop begins still gets its answer.
 */
class StopTest {
    @TempDir
    Path home;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aHubWithOpenAndClosedEventStreamsStops() {
        TestHub hub = TestHub.start(home);
        hub.project("p");
        List<HubEvent> seen = new CopyOnWriteArrayList<>();
        HubApi.Subscription open = hub.client().subscribe(HubApi.EventFilter.hub().after(0), seen::add);
        HubApi.Subscription closed = hub.client().subscribe(HubApi.EventFilter.hub().after(0), e -> { });
        Await.until(() -> !seen.isEmpty(), Duration.ofSeconds(10), "the stream to deliver");
        closed.close();
        hub.close();
        hub.close();
        open.close();
        assertThat(hub.hub().isRunning()).isFalse();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRequestInFlightWhenTheServerStopsIsAnswered() throws Exception {
        TestHub hub = TestHub.start(home);
        CountDownLatch inside = new CountDownLatch(1);
        HttpServer server = new HttpServer(hub.hub().config().withPort(0), hub.hub().service(), null,
                Clock.systemUTC(), Duration.ofSeconds(15))
                .mount(routes -> routes.get("/slow", ctx -> {
                    inside.countDown();
                    Thread.sleep(1_500);
                    ctx.result("finished");
                }));
        int port = server.start();
        HubApi.Subscription stream = null;
        try (HttpClient client = HttpClient.newHttpClient()) {
            List<HubEvent> seen = new CopyOnWriteArrayList<>();
            stream = new HubHttpClient("http://127.0.0.1:" + port, null)
                    .subscribe(HubApi.EventFilter.hub().after(0), seen::add);
            hub.project("p");
            Await.until(() -> !seen.isEmpty(), Duration.ofSeconds(10), "the stream to deliver");
            CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            server.close();

            HttpResponse<String> response = slow.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("finished");
        } finally {
            if (stream != null) {
                stream.close();
            }
            hub.close();
        }
    }
}
