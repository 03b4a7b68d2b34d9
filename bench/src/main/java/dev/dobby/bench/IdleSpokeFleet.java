package dev.dobby.bench;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.client.WorkHttpClient;
import dev.dobby.protocol.work.Heartbeat;
import dev.dobby.protocol.work.WorkerHello;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N idle spokes in one JVM, for {@link IdleSpokesMemory}: each registers, then long-polls the hub over HTTP
 * (no task ever comes) and heartbeats at the interval the hub chose. Prints "ready N" once all poll.
 *
 * <p>{@code IdleSpokeFleet URL N}
 */
public final class IdleSpokeFleet {
    private IdleSpokeFleet() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int count = Integer.parseInt(args[1]);
        AtomicLong failures = new AtomicLong();
        final Duration IDLE_HEARTBEAT = Duration.ofSeconds(60);
        ScheduledExecutorService beats = Executors.newScheduledThreadPool(4);
        for (int i = 0; i < count; i++) {
            String id = "idle-" + i;
            WorkHttpClient client = new WorkHttpClient(url, null, (what, failure, wait) -> failures.incrementAndGet());
            var session = client.register(new WorkerHello(id, new Spoke.Capabilities(List.of(Backend.SHELL),
                    List.of(), "bench", 1, 1, List.of()), "bench"));
            Thread.ofVirtual().name(id).start(() -> {
                while (true) {
                    client.poll(id, Duration.ofSeconds(session.pollWaitSeconds()));
                }
            });
            // As the real worker does: with nothing running and a poll waiting, heartbeat only every IDLE_HEARTBEAT.
            long period = Math.max(session.heartbeatSeconds() * 1000L, IDLE_HEARTBEAT.toMillis());
            beats.scheduleAtFixedRate(() -> {
                try {
                    client.heartbeat(new Heartbeat(id, List.of(), null, false));
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                }
            }, ThreadLocalRandom.current().nextLong(period), period, TimeUnit.MILLISECONDS);
        }
        System.out.println("ready " + count);
        System.out.flush();
        while (true) {
            Thread.sleep(10_000);
            System.err.println("fleet: " + failures.get() + " failed calls so far");
        }
    }
}
