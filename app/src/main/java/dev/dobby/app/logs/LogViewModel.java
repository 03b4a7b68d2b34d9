package dev.dobby.app.logs;

import dev.dobby.app.fx.EventBridge;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskCreated;
import dev.dobby.protocol.event.TaskLog;
import dev.dobby.protocol.transcript.TranscriptBuilder;
import dev.dobby.protocol.transcript.TranscriptEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The followed task's log, tailing live. It keeps at most {@code maxLines} lines (the newest) so a huge log costs
 * bounded memory; the hub still has every line. Search finds lines containing the text, case-insensitively.
 *
 * <p>For an agent task (claude, codex) the same lines are also read, as they arrive, into a transcript by the
 * protocol's {@link TranscriptBuilder} (the one the hub's transcript route uses), and that readable view is the
 * default; the raw lines are one toggle away. The reading happens on a reader thread, not the FX thread: a long
 * session's thousands of events would otherwise hold the window still while it opens. The FX thread only receives
 * the entries that changed.
 */
public final class LogViewModel {
    public static final int DEFAULT_MAX_LINES = 20_000;

    /** One line as shown: the raw text, with colour codes. */
    public record Entry(long seq, String stream, String raw) {
        /**
         * The text without colour codes, for search: worked out when asked, since a long log arrives in thousands of
         * lines at once and most are never searched.
         */
        public String plain() {
            return Ansi.strip(raw);
        }
    }

    private final int maxLines;
    private final ObservableList<Entry> lines = FXCollections.observableArrayList();
    private final ObjectProperty<Long> taskId = new SimpleObjectProperty<>();
    private final LongProperty dropped = new SimpleLongProperty();
    private final StringProperty search = new SimpleStringProperty("");
    private final IntegerProperty matches = new SimpleIntegerProperty();
    private final IntegerProperty current = new SimpleIntegerProperty(-1);
    private long lastSeq;
    private final Executor reader;
    private final Executor ui;
    /** Used only on the reader thread; a new task gets a new one, so reading queued for the old one cannot leak. */
    private TranscriptBuilder builder = new TranscriptBuilder();
    /** Which task's reading the transcript shows; results of an earlier one are dropped. */
    private long generation;
    private final IntegerProperty reading = new SimpleIntegerProperty();
    private final ObservableList<TranscriptEntry> transcript = FXCollections.observableArrayList();
    private final ObservableSet<Integer> expanded = FXCollections.observableSet();
    private final BooleanProperty agent = new SimpleBooleanProperty();
    private final BooleanProperty readable = new SimpleBooleanProperty(true);

    public LogViewModel(int maxLines) {
        this(maxLines, Reader.EXECUTOR, Platform::runLater);
    }

    /**
     * @param reader runs the transcript reading, one piece at a time in order
     * @param ui     runs what the reading found on the thread that owns this model, in order
     */
    public LogViewModel(int maxLines, Executor reader, Executor ui) {
        this.maxLines = maxLines;
        this.reader = reader;
        this.ui = ui;
        search.addListener((obs, old, now) -> {
            current.set(-1);
            countMatches();
        });
    }

    public void onEvents(EventBridge.Batch batch) {
        if (batch.taskReset()) {
            lines.clear();
            dropped.set(0);
            lastSeq = 0;
            current.set(-1);
            taskId.set(batch.taskId());
            builder = new TranscriptBuilder();
            generation++;
            transcript.clear();
            expanded.clear();
            agent.set(false);
        }
        List<Entry> added = new ArrayList<>();
        List<LogLine> fresh = new ArrayList<>();
        for (HubEvent event : batch.task()) {
            if (event instanceof TaskCreated created) {
                agent.set(created.task().backend() != Backend.SHELL);
            } else if (event instanceof TaskLog log) {
                for (LogLine line : log.lines()) {
                    if (line.seq() > lastSeq) {
                        lastSeq = line.seq();
                        added.add(new Entry(line.seq(), line.stream(), line.text()));
                        fresh.add(line);
                    }
                }
            }
        }
        if (!fresh.isEmpty()) {
            read(fresh);
        }
        append(added);
        if (!added.isEmpty() || batch.taskReset()) {
            countMatches();
        }
    }

    private void read(List<LogLine> fresh) {
        TranscriptBuilder into = builder;
        long readingFor = generation;
        reading.set(reading.get() + 1);
        reader.execute(() -> {
            // Entries before openFrom are final; the rest may change with these lines (a tool call gets its result).
            int openFrom;
            List<TranscriptEntry> changed;
            try {
                openFrom = into.openFrom();
                into.acceptAll(fresh);
                changed = into.transcript(0, openFrom).entries();
            } catch (RuntimeException e) {
                ui.execute(() -> reading.set(reading.get() - 1));
                throw e;
            }
            ui.execute(() -> {
                reading.set(reading.get() - 1);
                if (readingFor != generation) {
                    return;
                }
                if (openFrom == 0) {
                    transcript.setAll(changed);
                } else {
                    if (openFrom < transcript.size()) {
                        transcript.remove(openFrom, transcript.size());
                    }
                    transcript.addAll(changed);
                }
            });
        });
    }

    private void append(List<Entry> added) {
        if (added.isEmpty()) {
            return;
        }
        List<Entry> tail = added.size() > maxLines ? added.subList(added.size() - maxLines, added.size()) : added;
        dropped.set(dropped.get() + (added.size() - tail.size()));
        int overflow = lines.size() + tail.size() - maxLines;
        if (overflow > 0) {
            lines.remove(0, overflow);
            dropped.set(dropped.get() + overflow);
            if (current.get() >= 0) {
                current.set(Math.max(-1, current.get() - overflow));
            }
        }
        lines.addAll(tail);
    }

    private boolean matches(Entry entry) {
        String needle = search.get();
        return needle != null && !needle.isEmpty()
                && entry.plain().toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }

    private void countMatches() {
        String needle = search.get();
        if (needle == null || needle.isEmpty()) {
            matches.set(0);
            return;
        }
        int count = 0;
        for (Entry entry : lines) {
            if (matches(entry)) {
                count++;
            }
        }
        matches.set(count);
    }

    /** Moves to the next line that matches the search (wrapping); returns its index, or -1. */
    public int findNext() {
        return find(1);
    }

    public int findPrevious() {
        return find(-1);
    }

    private int find(int step) {
        int size = lines.size();
        if (size == 0 || search.get() == null || search.get().isEmpty()) {
            return -1;
        }
        int start = current.get() < 0 ? (step > 0 ? -1 : size) : current.get();
        for (int n = 1; n <= size; n++) {
            int i = Math.floorMod(start + step * n, size);
            if (matches(lines.get(i))) {
                current.set(i);
                return i;
            }
        }
        return -1;
    }

    public boolean isMatch(Entry entry) {
        return matches(entry);
    }

    /** How many pieces of the log are being read into the transcript now; 0 when it shows all that arrived. */
    public IntegerProperty readingProperty() {
        return reading;
    }

    public ObservableList<Entry> lines() {
        return lines;
    }

    public ObjectProperty<Long> taskIdProperty() {
        return taskId;
    }

    /** Lines left out at the top to keep memory bounded. */
    public LongProperty droppedProperty() {
        return dropped;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public IntegerProperty matchesProperty() {
        return matches;
    }

    /** Index of the match the user moved to, or -1. */
    public IntegerProperty currentProperty() {
        return current;
    }

    /** The readable transcript of an agent task (every line read, even those the raw view let go). */
    public ObservableList<TranscriptEntry> transcript() {
        return transcript;
    }

    /** Whether the followed task is an agent's, whose output reads as a transcript. */
    public BooleanProperty agentProperty() {
        return agent;
    }

    /** The user's choice between the readable transcript (the default) and the raw lines. */
    public BooleanProperty readableProperty() {
        return readable;
    }

    /** Transcript entries the user unfolded (a tool's whole input and output, the thinking). */
    public ObservableSet<Integer> expanded() {
        return expanded;
    }

    public void toggleExpanded(int index) {
        if (!expanded.remove(index)) {
            expanded.add(index);
        }
    }

    public int maxLines() {
        return maxLines;
    }

    /** The one reader thread, shared by every log view: it reads one piece at a time, in the order they arrive. */
    private static final class Reader {
        static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r ->
                Thread.ofPlatform().name("dobby-transcript-reader").daemon().unstarted(r));
    }
}
