package dev.dobby.agent.worker;

import dev.dobby.agent.runner.OutputParser;
import dev.dobby.protocol.work.LogChunk;
import dev.dobby.protocol.work.OutputLine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Groups an attempt's output lines into numbered chunks of at most {@link #MAX_LINES} lines and hands them, in
 * order, to a sender: at most every {@link #FLUSH_MILLIS} ms, sooner when a chunk's worth is waiting. A chunk
 * number is used up only when the sender reports the chunk delivered, so a refused chunk leaves no gap.
 */
final class LogShipper {
    static final long FLUSH_MILLIS = 100;
    static final int MAX_LINES = 500;

    /** Delivers a chunk; true when the hub has it (or never will want it), false when it was refused. */
    private final Predicate<LogChunk> sender;
    private volatile Supplier<OutputParser.Updates> updates = () -> OutputParser.Updates.NONE;
    private final List<OutputLine> waiting = new ArrayList<>();
    private final Object lock = new Object();
    private long delivered;
    private boolean closed;
    private final Thread flusher;

    LogShipper(String name, Predicate<LogChunk> sender) {
        this.sender = sender;
        this.flusher = Thread.ofVirtual().name("dobby-logs-" + name).start(this::flushLoop);
    }

    /** Where parsed steps and progress come from; they travel with the next chunk. */
    void updatesFrom(Supplier<OutputParser.Updates> source) {
        this.updates = source;
    }

    void add(OutputLine line) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            waiting.add(line);
            if (waiting.size() >= MAX_LINES) {
                lock.notifyAll();
            }
        }
    }

    private void flushLoop() {
        while (true) {
            List<OutputLine> batch;
            boolean last;
            synchronized (lock) {
                if (!closed && waiting.size() < MAX_LINES) {
                    try {
                        lock.wait(FLUSH_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        closed = true;
                    }
                }
                int take = Math.min(waiting.size(), MAX_LINES);
                batch = List.copyOf(waiting.subList(0, take));
                waiting.subList(0, take).clear();
                last = closed && waiting.isEmpty();
            }
            OutputParser.Updates parsed = updates.get();
            if (!batch.isEmpty() || !parsed.isEmpty()) {
                send(batch, parsed);
            }
            if (last) {
                return;
            }
        }
    }

    private void send(List<OutputLine> batch, OutputParser.Updates parsed) {
        long number;
        synchronized (lock) {
            number = delivered + 1;
        }
        if (sender.test(new LogChunk(number, batch, parsed.steps(), parsed.progress(), parsed.usage()))) {
            synchronized (lock) {
                delivered = number;
            }
        }
    }

    /** Send everything still waiting and stop; returns how many chunks were delivered in all. */
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
