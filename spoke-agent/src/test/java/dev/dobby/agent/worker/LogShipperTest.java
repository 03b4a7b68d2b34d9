package dev.dobby.agent.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.protocol.work.LogChunk;
import dev.dobby.protocol.work.OutputLine;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LogShipperTest {
    private static OutputLine line(int i) {
        return new OutputLine(OutputLine.STDOUT, Instant.EPOCH, "line " + i);
    }

    @Test
    void linesLeaveInOrderInBoundedNumberedChunks() {
        List<LogChunk> sent = new CopyOnWriteArrayList<>();
        LogShipper shipper = new LogShipper("t", chunk -> sent.add(chunk));
        for (int i = 0; i < 1_234; i++) {
            shipper.add(line(i));
        }
        long chunks = shipper.close();
        assertThat(chunks).isEqualTo(sent.size());
        assertThat(sent).extracting(LogChunk::number).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, sent.size()).boxed().toList());
        assertThat(sent).allMatch(c -> c.lines().size() <= LogShipper.MAX_LINES);
        assertThat(sent.stream().flatMap(c -> c.lines().stream()).map(OutputLine::text).toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 1_234).mapToObj(i -> "line " + i).toList());
    }

    @Test
    void aRefusedChunkDoesNotUseUpItsNumber() {
        List<LogChunk> sent = new CopyOnWriteArrayList<>();
        AtomicBoolean refuseNext = new AtomicBoolean(true);
        LogShipper shipper = new LogShipper("t", chunk -> {
            sent.add(chunk);
            return !refuseNext.getAndSet(false);
        });
        shipper.add(line(1));
        dev.dobby.agent.worker.LogShipperTest.waitFor(() -> sent.size() == 1);
        shipper.add(line(2));
        assertThat(shipper.close()).isEqualTo(1);
        assertThat(sent).extracting(LogChunk::number).containsExactly(1L, 1L);
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
