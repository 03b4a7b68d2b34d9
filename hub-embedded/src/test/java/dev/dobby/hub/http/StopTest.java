package dev.dobby.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.event.HubEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Stopping does not hang on clients that are connected, streaming or gone, and a second stop is harmless. */
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
}
