package dev.dobby.agent.worker;

import dev.dobby.protocol.work.LogChunk;
import dev.dobby.protocol.work.OutputLine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import dev.dobby.agent.runner.OutputParser;

/**
 * Groups an attempt's output lines into numbered chunks and hands them, in order, to a sender: at most every
 * {@link #FLUSH_MILLIS} ms, sooner when {@link #MAX_LINES} lines are waiting. A chunk is numbered once and resent
 * unchanged if sending fails, so the hub can drop repeats.
 */
final class LogShipper {
    static final long FLUSH_MILLIS = 100;
    static final int MAX_LINES = 500;

    private final Consumer<LogChunk> sender;
    private volatile Supplier<OutputParser.Updates> updates = () -> OutputParser.Updates.NONE;
    private final List<OutputLine> waiting = new ArrayList<>();
    private final Object lock = new Object();
    private long chunks;
    private boolean closed;
    private final Thread flusher;

    LogShipper(String name, Consumer<LogChunk> sender) {
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
            synchronized (lock) {
                if (!closed && waiting.size() < MAX_LINES) {
                    try {
                        lock.wait(FLUSH_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        closed = true;
                    }
                }
                batch = List.copyOf(waiting);
                waiting.clear();
            }
            OutputParser.Updates parsed = updates.get();
            if (!batch.isEmpty() || !parsed.isEmpty()) {
                send(batch, parsed);
            }
            synchronized (lock) {
                if (closed && waiting.isEmpty()) {
                    return;
                }
            }
        }
    }

    private void send(List<OutputLine> batch, OutputParser.Updates parsed) {
        long number;
        synchronized (lock) {
            number = ++chunks;
        }
        sender.accept(new LogChunk(number, batch, parsed.steps(), parsed.progress(), parsed.usage()));
    }

    /** Send everything still waiting and stop; returns how many chunks were sent in all. */
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
            return chunks;
        }
    }
}
