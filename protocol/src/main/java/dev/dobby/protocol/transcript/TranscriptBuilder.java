package dev.dobby.protocol.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.transcript.TranscriptEntry.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.RandomAccess;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Reads a task's log lines, in order, into a transcript: Claude Code's {@code stream-json} events and Codex's
 * {@code exec --json} events become readable entries; anything else (plain text, stderr, a cut or garbled line, an
 * event type no version seen so far writes) becomes a raw entry. It never throws on what an agent printed.
 *
 * <p>Feed it lines as they arrive; {@link #openFrom()} says from which entry on the transcript may still change.
 */
public final class TranscriptBuilder {
    /** A tool's result is kept up to this many characters; the raw log has all of it. */
    public static final int OUTPUT_CHARS = 4000;
    static final int TEXT_CHARS = 20_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Lines decoded together by {@link #acceptAll}: enough to share among the cores, few enough to hold at once. */
    private static final int PIECE = 256;
    private static final Set<String> CLAUDE_TYPES = Set.of("system", "assistant", "user", "result",
            "rate_limit_event", "stream_event");

    private final List<TranscriptEntry> entries = new ArrayList<>();
    private final ClaudeEvents claude = new ClaudeEvents(this);
    private final CodexEvents codex = new CodexEvents(this);
    private Integer attempt;
    private long lastSeq;
    /** The line being read, for the entries it makes. */
    private LogLine line;

    /** Read one more line; lines of an earlier sequence number than the last one read are ignored. */
    public void accept(LogLine logLine) {
        accept(logLine, null);
    }

    /** @param decoded the line's event, already decoded by {@link #decode}, or null to decode it here */
    private void accept(LogLine logLine, Decoded decoded) {
        if (logLine.seq() <= lastSeq && lastSeq > 0) {
            return;
        }
        lastSeq = logLine.seq();
        line = logLine;
        if (attempt == null || attempt != logLine.attempt()) {
            if (attempt != null) {
                closeOpen("no result: the attempt ended");
                add(Kind.ATTEMPT, "Attempt " + logLine.attempt(), null, false);
            }
            attempt = logLine.attempt();
            claude.reset();
            codex.reset();
        }
        String text = logLine.text() == null ? "" : logLine.text();
        if (text.isBlank()) {
            return;
        }
        boolean stderr = "stderr".equals(logLine.stream());
        JsonNode event = (decoded != null ? decoded : decode(logLine)).event();
        String type = event == null ? null : ToolSummary.text(event, "type");
        boolean read = false;
        try {
            if (type != null && CLAUDE_TYPES.contains(type)) {
                read = claude.read(type, event);
            } else if (type != null) {
                read = codex.read(type, event);
            }
        } catch (RuntimeException e) {
            // A line of the right type but an unexpected shape: show it as it is rather than fail the transcript.
            read = false;
        }
        if (!read) {
            addEntry(Kind.RAW, null, clip(text, TEXT_CHARS), null, stderr ? "stderr" : null, false, false);
        }
    }

    /**
     * Read many lines. A long list (a session's history, thousands of lines) has its JSON decoded on all cores a
     * piece at a time, which is most of the work; the entries are still made one line after the other, in order.
     */
    public void acceptAll(Iterable<LogLine> lines) {
        if (!(lines instanceof List<LogLine> list && list instanceof RandomAccess) || list.size() < 2 * PIECE) {
            for (LogLine each : lines) {
                accept(each);
            }
            return;
        }
        Decoded[] decoded = new Decoded[PIECE];
        for (int from = 0; from < list.size(); from += PIECE) {
            List<LogLine> piece = list.subList(from, Math.min(list.size(), from + PIECE));
            IntStream.range(0, piece.size()).parallel().forEach(i -> decoded[i] = decode(piece.get(i)));
            for (int i = 0; i < piece.size(); i++) {
                accept(piece.get(i), decoded[i]);
                decoded[i] = null;
            }
        }
    }

    /** A line's event as decoded JSON, or null when it is not a JSON object from standard output. */
    private record Decoded(JsonNode event) {
    }

    private static Decoded decode(LogLine line) {
        return new Decoded(line.text() == null || "stderr".equals(line.stream()) ? null : object(line.text()));
    }

    public List<TranscriptEntry> entries() {
        return List.copyOf(entries);
    }

    public int size() {
        return entries.size();
    }

    public TranscriptEntry entry(int index) {
        return entries.get(index);
    }

    /** Entries before this index are final. */
    public int openFrom() {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).open()) {
                return i;
            }
        }
        return entries.size();
    }

    public long lastSeq() {
        return lastSeq;
    }

    /** The transcript from entry {@code from} on. */
    public Transcript transcript(long taskId, int from) {
        int start = Math.max(0, Math.min(from, entries.size()));
        return new Transcript(taskId, start, entries.subList(start, entries.size()), openFrom(), lastSeq);
    }

    /** What the agent did last, in one line ("Bash: npm test"; a plain line as it is), or null. */
    public static String latestStep(List<TranscriptEntry> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            TranscriptEntry e = entries.get(i);
            if (e.kind() == Kind.ATTEMPT) {
                continue;
            }
            String line = e.title() != null && !e.title().isBlank() ? e.title() : ToolSummary.firstLine(e.text());
            if (!line.isEmpty()) {
                return line;
            }
        }
        return null;
    }

    // ---- used by the readers of each agent's events

    int add(Kind kind, String title, String text, boolean error) {
        return addEntry(kind, title, text, null, null, error, false);
    }

    int addEntry(Kind kind, String title, String text, String output, String meta, boolean error, boolean open) {
        int index = entries.size();
        entries.add(new TranscriptEntry(index, attempt == null ? 1 : attempt, line.seq(), at(), kind,
                clip(title, 300), clip(text, TEXT_CHARS), output, meta, error, open));
        return index;
    }

    TranscriptEntry get(int index) {
        return entries.get(index);
    }

    /** Replace an entry (a tool call that got its result), stamped with the current line. */
    void update(int index, String title, String text, String output, String meta, boolean error, boolean open) {
        TranscriptEntry e = entries.get(index);
        entries.set(index, new TranscriptEntry(index, e.attempt(), line.seq(), e.at(), e.kind(), clip(title, 300),
                clip(text, TEXT_CHARS), output, meta, error, open));
    }

    void closeOpen(String meta) {
        for (int i = 0; i < entries.size(); i++) {
            TranscriptEntry e = entries.get(i);
            if (e.open()) {
                entries.set(i, new TranscriptEntry(i, e.attempt(), e.seq(), e.at(), e.kind(), e.title(), e.text(),
                        e.output(), e.output() == null && e.kind() == Kind.TOOL ? meta : e.meta(), e.error(), false));
            }
        }
    }

    Instant at() {
        return line.at();
    }

    /** {@code output} clipped, and its size ("3 lines · 1.2 KB"). */
    static String[] folded(String output) {
        if (output == null || output.isEmpty()) {
            return new String[] {null, "no output"};
        }
        String trimmed = output.stripTrailing();
        int lines = lineCount(trimmed);
        String size = (lines == 1 ? "1 line" : grouped(lines) + " lines") + " · " + bytes(utf8Length(output));
        return new String[] {clip(trimmed, OUTPUT_CHARS), size};
    }

    /**
     * How many lines {@link String#lines()} would give, without streaming them: a transcript opens with thousands of
     * tool results, and this runs for each one before the JIT has compiled anything.
     */
    static int lineCount(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        if (text.indexOf('\r') >= 0) {
            return (int) text.lines().count();
        }
        int lines = 1;
        for (int i = text.indexOf('\n'); i >= 0 && i < text.length() - 1; i = text.indexOf('\n', i + 1)) {
            lines++;
        }
        return lines;
    }

    private static long utf8Length(String text) {
        // Encoding is an intrinsic even in a cold JVM; counting the characters one by one is not.
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** 12345 as "12,345", as {@code %,d} would write it, without a Formatter. */
    static String grouped(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder out = new StringBuilder(digits.length() + 4);
        if (n < 0) {
            out.append('-');
        }
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /** "0.3 s" under ten seconds, else the hub's duration form ("3m7s", "1h2m"). */
    static String duration(long ms) {
        return ms < 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0)
                : dev.dobby.protocol.Durations.format(java.time.Duration.ofMillis(ms));
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return tenths(n / 1024.0) + " KB";
        }
        return tenths(n / (1024.0 * 1024)) + " MB";
    }

    /** One decimal, rounded half up as {@code %.1f} rounds, without a Formatter. */
    private static String tenths(double value) {
        long tenths = Math.round(value * 10);
        return (tenths / 10) + "." + (tenths % 10);
    }

    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, Math.max(0, max - 1)) + "…";
    }

    private static JsonNode object(String text) {
        int start = 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        if (start >= text.length() || text.charAt(start) != '{') {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
