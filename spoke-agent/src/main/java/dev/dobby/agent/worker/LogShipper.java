package dev.dobby.agent.worker;

import dev.dobby.agent.runner.OutputParser;
import dev.dobby.agent.supervisor.AttemptFolder;
import dev.dobby.protocol.client.Backoff;
import dev.dobby.protocol.work.LogChunk;
import dev.dobby.protocol.work.OutputLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Groups an attempt's output lines into numbered chunks of at most {@link #MAX_LINES} lines and delivers them, in
 * order, one at a time: at most every {@link #FLUSH_MILLIS} ms, sooner when a chunk's worth is waiting.
 *
 * <p>A chunk, once built, never changes: until the hub acknowledges it, the same chunk with the same number is sent
 * again (with backoff), while new lines wait behind it. The hub applies chunk N only after N-1 and drops repeats,
 * and its acknowledgement names the next chunk it expects, so an outage or a lost answer leaves neither a gap nor
 * a duplicate. If the hub ever expects an earlier number than the one waiting (it lost chunks), the waiting chunk
 * is renumbered to fill the gap rather than be dropped forever.
 */
final class LogShipper {
    static final long FLUSH_MILLIS = 100;
    static final int MAX_LINES = 500;
    /**
     * Lines that may wait to be sent. Beyond this the agent's output is held back (its pipe fills and it waits),
     * so a slow or unreachable hub costs time, never lines or unbounded memory.
     */
    static final int MAX_WAITING = 50_000;

    /** What became of one try to deliver a chunk. */
    sealed interface Delivery {
        /** The hub has it and expects {@code nextExpected} next. */
        record Acked(long nextExpected) implements Delivery {
        }

        /** Not delivered this time; try the same chunk again later. */
        record Retry() implements Delivery {
        }

        /** Nobody will ever take it (the attempt is over for the hub, or its lease is lost): stop shipping. */
        record GiveUp() implements Delivery {
        }

        Delivery RETRY = new Retry();
        Delivery GIVE_UP = new GiveUp();
    }

    @FunctionalInterface
    interface Sender {
        Delivery send(LogChunk chunk);
    }

    private final Sender sender;
    private final Backoff backoff;
    private volatile Supplier<OutputParser.Updates> updates = () -> OutputParser.Updates.NONE;
    private final ArrayDeque<OutputLine> waiting = new ArrayDeque<>();
    private final Object lock = new Object();
    private long delivered;
    private AttemptFolder.Shipped shipped;
    private final Consumer<AttemptFolder.Shipped> onAck;
    private boolean closed;
    private boolean gaveUp;
    private final Thread flusher;

    LogShipper(String name, Sender sender) {
        this(name, sender, Backoff.standard());
    }

    LogShipper(String name, Sender sender, Backoff backoff) {
        this(name, sender, backoff, AttemptFolder.Shipped.NOTHING, shipped -> { });
    }

    /**
     * @param resumeFrom what the hub already has of this attempt's output (a worker taking it up after a restart)
     * @param onAck      told how far the output has reached the hub after each acknowledged chunk
     */
    LogShipper(String name, Sender sender, Backoff backoff, AttemptFolder.Shipped resumeFrom,
               Consumer<AttemptFolder.Shipped> onAck) {
        this.sender = sender;
        this.backoff = backoff;
        this.shipped = resumeFrom;
        this.delivered = resumeFrom.chunks();
        this.onAck = onAck;
        this.flusher = Thread.ofVirtual().name("dobby-logs-" + name).start(this::flushLoop);
    }

    /** Where parsed steps and progress come from; they travel with the next chunk. */
    void updatesFrom(Supplier<OutputParser.Updates> source) {
        this.updates = source;
    }

    /** Queue a line; blocks while {@link #MAX_WAITING} lines wait already. */
    void add(OutputLine line) {
        synchronized (lock) {
            while (waiting.size() >= MAX_WAITING && !closed && !gaveUp) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (closed || gaveUp) {
                return;
            }
            waiting.addLast(line);
            if (waiting.size() >= MAX_LINES) {
                lock.notifyAll();
            }
        }
    }

    private void flushLoop() {
        LogChunk pending = null;
        while (true) {
            if (pending == null) {
                pending = nextChunk();
                if (pending == null) {
                    return;
                }
                if (pending.lines().isEmpty() && pending.steps().isEmpty() && pending.progress() == null
                        && pending.usage().isEmpty()) {
                    pending = null;
                    continue;
                }
            }
            LogChunk sent = pending;
            switch (sender.send(sent)) {
                case Delivery.Acked acked when acked.nextExpected() > sent.number() -> {
                    long stdout = sent.lines().stream().filter(l -> OutputLine.STDOUT.equals(l.stream())).count();
                    AttemptFolder.Shipped now;
                    synchronized (lock) {
                        delivered = sent.number();
                        shipped = shipped.plus(stdout, sent.lines().size() - stdout, sent.number());
                        now = shipped;
                    }
                    onAck.accept(now);
                    backoff.reset();
                    pending = null;
                }
                case Delivery.Acked acked -> pending = renumbered(sent, Math.max(1, acked.nextExpected()));
                case Delivery.Retry retry -> Backoff.sleep(backoff.next());
                case Delivery.GiveUp giveUp -> {
                    synchronized (lock) {
                        gaveUp = true;
                        waiting.clear();
                        lock.notifyAll();
                    }
                    return;
                }
            }
        }
    }

    /** The next chunk to send, waiting up to a flush interval for lines; null once closed and empty. */
    private LogChunk nextChunk() {
        List<OutputLine> batch;
        long number;
        synchronized (lock) {
            if (!closed && waiting.size() < MAX_LINES) {
                try {
                    lock.wait(FLUSH_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
            if (closed && waiting.isEmpty()) {
                OutputParser.Updates last = updates.get();
                if (last.isEmpty()) {
                    return null;
                }
                return new LogChunk(delivered + 1, List.of(), last.steps(), last.progress(), last.usage());
            }
            batch = new ArrayList<>(Math.min(waiting.size(), MAX_LINES));
            while (batch.size() < MAX_LINES && !waiting.isEmpty()) {
                batch.add(waiting.removeFirst());
            }
            // Room again for an agent held back by a full queue.
            lock.notifyAll();
            number = delivered + 1;
        }
        OutputParser.Updates parsed = updates.get();
        return new LogChunk(number, batch, parsed.steps(), parsed.progress(), parsed.usage());
    }

    private static LogChunk renumbered(LogChunk chunk, long number) {
        return new LogChunk(number, chunk.lines(), chunk.steps(), chunk.progress(), chunk.usage());
    }

    /**
     * Deliver everything still waiting and stop; returns how many chunks the hub acknowledged in all. Returns once
     * the hub has everything, or the sender gave up.
     */
    long close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            flusher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            return delivered;
        }
    }
}
