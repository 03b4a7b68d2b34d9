package dev.dobby.hub.spokes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.SteppedClock;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.work.WorkerHello;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker with nothing to do long-polls instead of heartbeating; the hub counts the waiting poll as life. */
class IdleWorkerTest {
    @TempDir
    Path home;

    private static Spoke.State state(TestHub hub, String id) {
        return hub.api().spokes().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().state();
    }

    @Test
    void aWaitingPollKeepsAnIdleWorkerOnlineAndItsEndDoesNot() throws Exception {
        SteppedClock clock = SteppedClock.running(Instant.parse("2026-06-01T12:00:00Z"));
        try (TestHub hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0), b -> b.clock(clock).automaticTicks(false))) {
            var work = hub.hub().work();
            work.register(new WorkerHello("idle", new Spoke.Capabilities(List.of(Backend.SHELL), List.of(), "test", 1, 1,
                    List.of()), "test"), false, null);
            var poll = work.pollAsync("idle", Duration.ofSeconds(60));

            clock.step(hub.hub().config().leaseTimeout().plusSeconds(5));
            hub.hub().tick();
            assertThat(state(hub, "idle")).as("polling, so alive").isEqualTo(Spoke.State.ONLINE);

            clock.step(Duration.ofSeconds(60));
            Await.until(poll::isDone, Duration.ofSeconds(10), "the poll's wait to end");
            hub.hub().tick();
            assertThat(state(hub, "idle")).as("neither polling nor heartbeating").isEqualTo(Spoke.State.LOST);

            work.pollAsync("idle", Duration.ofSeconds(60));
            assertThat(state(hub, "idle")).as("its next poll brings it back").isEqualTo(Spoke.State.ONLINE);
        }
    }
}
