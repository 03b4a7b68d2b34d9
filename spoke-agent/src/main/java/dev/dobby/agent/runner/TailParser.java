package dev.dobby.agent.runner;

import dev.dobby.protocol.work.OutputLine;
import java.util.ArrayDeque;
import java.util.Deque;

/** For plain-text agents: the summary is the last lines of output. */
public final class TailParser implements OutputParser {
    static final int SUMMARY_LINES = 20;
    static final int SUMMARY_CHARS = 4000;

    private final Deque<String> tail = new ArrayDeque<>();

    @Override
    public synchronized void accept(OutputLine line) {
        if (line.text().isBlank()) {
            return;
        }
        tail.addLast(line.text());
        if (tail.size() > SUMMARY_LINES) {
            tail.removeFirst();
        }
    }

    @Override
    public synchronized ParsedResult finish(int exitCode) {
        String summary = String.join("\n", tail);
        if (summary.length() > SUMMARY_CHARS) {
            summary = "…" + summary.substring(summary.length() - SUMMARY_CHARS);
        }
        return ParsedResult.summaryOnly(summary);
    }
}
