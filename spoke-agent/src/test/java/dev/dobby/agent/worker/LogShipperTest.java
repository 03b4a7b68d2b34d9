package dev.dobby.agent.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.protocol.client.Backoff;
import dev.dobby.protocol.work.LogChunk;
import dev.dobby.protocol.work.OutputLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LogShipperTest {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5));

    private static OutputLine line(int i) {
        return new OutputLine(OutputLine.STDOUT, Instant.EPOCH, "line " + i);
    }

    private static List<String> texts(int count) {
        return IntStream.range(0, count).mapToObj(i -> "line " + i).toList();
    }

    /** Applies chunks the way the hub does: only the next expected number, repeats and early ones dropped. */
    private static final class HubLog {
        final List<String> applied = new ArrayList<>();
        long expected = 1;

        synchronized long offer(LogChunk chunk) {
            if (chunk.number() == expected) {
                chunk.lines().forEach(l -> applied.add(l.text()));
                expected++;
            }
            return expected;
        }
    }

    @Test
    void linesLeaveInOrderInBoundedNumberedChunks() {
        List<LogChunk> sent = new CopyOnWriteArrayList<>();
        LogShipper shipper = new LogShipper("t", chunk -> {
            sent.add(chunk);
            return new LogShipper.Delivery.Acked(chunk.number() + 1);
        }, FAST);
        for (int i = 0; i < 1_234; i++) {
            shipper.add(line(i));
        }
        long chunks = shipper.close();
        assertThat(chunks).isEqualTo(sent.size());
        assertThat(sent).extracting(LogChunk::number)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, sent.size()).boxed().toList());
        assertThat(sent).allMatch(c -> c.lines().size() <= LogShipper.MAX_LINES);
        assertThat(sent.stream().flatMap(c -> c.lines().stream()).map(OutputLine::text).toList())
                .containsExactlyElementsOf(texts(1_234));
    }

    @Test
    void aChunkThatDidNotGetThroughIsSentAgainUnchangedWithItsNumber() {
        List<LogChunk> sent = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        LogShipper shipper = new LogShipper("t", chunk -> {
            sent.add(chunk);
            return calls.incrementAndGet() == 1 ? LogShipper.Delivery.RETRY
                    : new LogShipper.Delivery.Acked(chunk.number() + 1);
        }, FAST);
        shipper.add(line(1));
        LogShipperTest.waitFor(() -> !sent.isEmpty());
        shipper.add(line(2));
        assertThat(shipper.close()).isEqualTo(2);
        assertThat(sent.get(0)).isEqualTo(sent.get(1));
        assertThat(sent).extracting(LogChunk::number).containsExactly(1L, 1L, 2L);
        assertThat(sent.get(2).lines()).extracting(OutputLine::text).containsExactly("line 2");
    }

    @Test
    void failuresAndLostAnswersLeaveNoGapAndNoDuplicate() {
        HubLog hub = new HubLog();
        AtomicInteger calls = new AtomicInteger();
        LogShipper shipper = new LogShipper("t", chunk -> {
            int call = calls.incrementAndGet();
            if (call % 3 == 0) {
                return LogShipper.Delivery.RETRY;            // never reached the hub
            }
            long next = hub.offer(chunk);
            // Every fourth answer is lost on the way back, after the hub applied the chunk.
            return call % 4 == 0 ? LogShipper.Delivery.RETRY : new LogShipper.Delivery.Acked(next);
        }, FAST);
        for (int i = 0; i < 3_000; i++) {
            shipper.add(line(i));
            if (i % 700 == 0) {
                sleep(150);
            }
        }
        long chunks = shipper.close();
        assertThat(hub.applied).containsExactlyElementsOf(texts(3_000));
        assertThat(chunks).isEqualTo(hub.expected - 1);
    }

    @Test
    void aHubThatLostChunksGetsTheWaitingChunkUnderTheNumberItExpects() {
        HubLog hub = new HubLog();
        hub.expected = 1;
        List<Long> numbers = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        LogShipper shipper = new LogShipper("t", chunk -> {
            numbers.add(chunk.number());
            if (calls.incrementAndGet() == 2) {
                hub.expected = 1;                              // the hub forgot chunk 1
                hub.applied.clear();
            }
            return new LogShipper.Delivery.Acked(hub.offer(chunk));
        }, FAST);
        shipper.add(line(0));
        LogShipperTest.waitFor(() -> numbers.size() == 1);
        sleep(50);
        shipper.add(line(1));
        shipper.close();
        assertThat(numbers).containsExactly(1L, 2L, 1L);
        assertThat(hub.applied).containsExactly("line 1");
    }

    @Test
    void aHubThatCannotKeepUpHoldsTheAgentBackInsteadOfLosingLines() throws Exception {
        HubLog hub = new HubLog();
        java.util.concurrent.atomic.AtomicBoolean reachable = new java.util.concurrent.atomic.AtomicBoolean();
        LogShipper shipper = new LogShipper("t", chunk -> reachable.get()
                ? new LogShipper.Delivery.Acked(hub.offer(chunk)) : LogShipper.Delivery.RETRY, FAST);
        int total = LogShipper.MAX_WAITING + 5_000;
        AtomicInteger added = new AtomicInteger();
        Thread agent = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < total; i++) {
                shipper.add(line(i));
                added.incrementAndGet();
            }
        });
        // The first chunk is out (and stuck); the queue behind it fills up, then the agent waits.
        LogShipperTest.waitFor(() -> added.get() >= LogShipper.MAX_WAITING + LogShipper.MAX_LINES);
        sleep(300);
        assertThat(added.get()).isLessThanOrEqualTo(LogShipper.MAX_WAITING + LogShipper.MAX_LINES);
        assertThat(agent.isAlive()).isTrue();

        reachable.set(true);
        agent.join(10_000);
        assertThat(agent.isAlive()).isFalse();
        shipper.close();
        assertThat(hub.applied).containsExactlyElementsOf(texts(total));
    }

    @Test
    void givingUpDropsTheRestAndStopsSending() {
        AtomicInteger calls = new AtomicInteger();
        LogShipper shipper = new LogShipper("t", chunk -> {
            calls.incrementAndGet();
            return LogShipper.Delivery.GIVE_UP;
        }, FAST);
        shipper.add(line(1));
        LogShipperTest.waitFor(() -> calls.get() == 1);
        shipper.add(line(2));
        assertThat(shipper.close()).isZero();
        assertThat(calls.get()).isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.onSpinWait();
        }
    }
}
