package dev.dobby.bench;

import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.logs.LogView;
import dev.dobby.app.logs.LogViewModel;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskCreated;
import dev.dobby.protocol.event.TaskLog;
import dev.dobby.protocol.work.OutputLine;
import dev.dobby.protocol.transcript.TranscriptEntry;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ListCell;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * How long the desktop app takes to show a long Claude Code session as a transcript, as a user meets it: the Log tab
 * is on screen (empty), the task's events arrive (a selection replays them), and the clock stops when the first frame
 * that shows the transcript's end (where Follow takes the user) has been painted — the lines read into transcript
 * entries (on the reader thread), the entries handed to the view, the visible cells laid out and drawn. The first
 * opening is the one a user meets after the app starts (a cold JVM for the parser and the cells, the event stream's
 * JSON reader warmed by receiving the events); the later ones show the warm cost. The session is
 * {@link ParserThroughput}'s synthetic coding session cut to {@code --events} lines (messages, Reads with ~8 KB
 * results, Edits, Bash calls, limit notices), on JavaFX's headless Monocle platform with software rendering, in a
 * 1200×780 window.
 *
 * <pre>bench/bench-run.sh TranscriptOpening [--events N] [--runs N]</pre>
 */
public final class TranscriptOpening {
    /** The FX thread's own CPU time: on a machine shared with other work it tells what the wall clock cannot. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private TranscriptOpening() {
    }

    public static void main(String[] args) throws Exception {
        var options = Args.ints(args, new java.util.LinkedHashMap<>(java.util.Map.of("events", 5000, "runs", 15)));
        int events = options.get("events");
        int runs = options.get("runs");
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");

        List<OutputLine> session = ParserThroughput.session(events / 7 + 2);
        List<LogLine> lines = new ArrayList<>();
        Instant t0 = Instant.parse("2026-12-02T04:00:00Z");
        for (int i = 0; i < Math.min(events - 1, session.size() - 1); i++) {
            lines.add(new LogLine(i + 2, 1, 1, "stdout", t0.plusMillis(i * 100L), session.get(i).text()));
        }
        OutputLine result = session.getLast();
        lines.add(new LogLine(lines.size() + 2, 1, 1, "stdout", t0.plusSeconds(events), result.text()));
        Task task = new Task(1, "fix the null handling", "app", Backend.CLAUDE, Priority.NORMAL, TaskStatus.COMPLETED,
                null, 60, List.of(), null, null, List.of(), false, null, 1, null, null, t0, t0, null, null, null, null,
                null, null, false, null);
        // The events as the app gets them: written by the hub, read back by the event stream's JSON reader (which
        // also leaves that reader as warm as it is in the app when a selection's history has arrived).
        List<HubEvent> received = new ArrayList<>();
        for (HubEvent sent : List.of(new TaskCreated(1, t0, task), new TaskLog(lines.size() + 1, t0, 1, lines))) {
            received.add(Json.lenient().readValue(Json.write(sent), HubEvent.class));
        }
        EventBridge.Batch batch = new EventBridge.Batch(List.of(), 1L, received, true);

        CompletableFuture<Stage> started = new CompletableFuture<>();
        Platform.startup(() -> {
            Application.setUserAgentStylesheet(dev.dobby.app.theme.Theme.LIGHT.stylesheet());
            Stage stage = new Stage();
            Scene scene = new Scene(new StackPane(), 1200, 780);
            scene.getStylesheets().add(TranscriptOpening.class.getResource("/dev/dobby/app/app.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            started.complete(stage);
        });
        Stage stage = started.get(30, TimeUnit.SECONDS);

        double[] ms = new double[runs];
        double[] parseMs = new double[runs];
        double[] cpuMs = new double[runs];
        double[] workMs = new double[runs];
        int entries = 0;
        for (int run = 0; run < runs; run++) {
            Opening opening = open(stage, batch).get(60, TimeUnit.SECONDS);
            ms[run] = opening.nanos / 1e6;
            parseMs[run] = opening.parseNanos / 1e6;
            cpuMs[run] = opening.cpuNanos / 1e6;
            workMs[run] = opening.workNanos / 1e6;
            entries = opening.entries;
        }
        double first = ms[0];
        double[] warm = Arrays.copyOfRange(ms, Math.min(3, runs - 1), runs);
        Arrays.sort(warm);
        double[] warmParse = Arrays.copyOfRange(parseMs, Math.min(3, runs - 1), runs);
        Arrays.sort(warmParse);
        double[] warmCpu = Arrays.copyOfRange(cpuMs, Math.min(3, runs - 1), runs);
        Arrays.sort(warmCpu);
        double[] warmWork = Arrays.copyOfRange(workMs, Math.min(3, runs - 1), runs);
        Arrays.sort(warmWork);
        System.out.printf(Locale.ROOT, "session: %d log lines -> %d transcript entries%n", lines.size(), entries);
        System.out.printf(Locale.ROOT, "open as transcript: first %.0f ms (cold JVM), then median %.0f ms, max %.0f ms"
                + " over %d runs (target <= 300 ms)%n", first, warm[warm.length / 2], warm[warm.length - 1], warm.length);
        System.out.printf(Locale.ROOT, "  of which until the transcript entries reached the view: first %.0f ms,"
                + " then median %.0f ms%n",
                parseMs[0], warmParse[warmParse.length / 2]);
        System.out.printf(Locale.ROOT, "  CPU time of the FX thread for it (the rest is the reader thread and the"
                + " renderer): first %.0f ms, then median %.0f ms%n",
                cpuMs[0], warmCpu[warmCpu.length / 2]);
        System.out.printf(Locale.ROOT, "  CPU time of the FX, reader, decoding and renderer threads together (the work, on"
                + " whichever cores it ran): first %.0f ms, then median %.0f ms%n",
                workMs[0], warmWork[warmWork.length / 2]);
        System.out.printf(Locale.ROOT, "load average %.1f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "java %s on %s, %d cpus%n", System.getProperty("java.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
        Platform.exit();
    }

    private record Opening(long nanos, long parseNanos, long cpuNanos, long workNanos, int entries) {
    }

    /**
     * CPU time so far of the threads that open a transcript: the FX thread, the transcript reader and the pool that
     * decodes its JSON, the renderer.
     */
    private static long workCpu(long fxThread) {
        long total = 0;
        for (java.lang.management.ThreadInfo info : CPU.getThreadInfo(CPU.getAllThreadIds())) {
            if (info != null && (info.getThreadId() == fxThread || info.getThreadName().startsWith("QuantumRenderer")
                    || info.getThreadName().equals("dobby-transcript-reader")
                    || info.getThreadName().startsWith("ForkJoinPool.commonPool"))) {
                total += Math.max(0, CPU.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /**
     * Puts a fresh, empty log view on screen and waits for it to be painted; then feeds it the events and times them
     * until the first frame showing the transcript is painted.
     */
    private static CompletableFuture<Opening> open(Stage stage, EventBridge.Batch batch) {
        CompletableFuture<Opening> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            LogViewModel model = new LogViewModel(LogViewModel.DEFAULT_MAX_LINES);
            Scene scene = stage.getScene();
            scene.setRoot(new LogView(model));
            afterNextFrame(scene, shown -> {
                long fxThread = Thread.currentThread().threadId();
                long workStart = workCpu(fxThread);
                long start = System.nanoTime();
                long cpuStart = CPU.getCurrentThreadCpuTime();
                long[] cpuToFrame = new long[1];
                long[] read = new long[1];
                model.transcript().addListener(new ListChangeListener<TranscriptEntry>() {
                    @Override
                    public void onChanged(Change<? extends TranscriptEntry> change) {
                        model.transcript().removeListener(this);
                        read[0] = System.nanoTime() - start;
                        // The clock stops at the first painted frame that shows the session's end, where Follow
                        // takes the user.
                        LongConsumer[] untilEnd = new LongConsumer[1];
                        untilEnd[0] = painted -> {
                            if (showsLast(scene, model.transcript().size() - 1)) {
                                done.complete(new Opening(painted - start, read[0], cpuToFrame[0],
                                        workCpu(fxThread) - workStart, model.transcript().size()));
                            } else {
                                afterNextFrame(scene, untilEnd[0]);
                            }
                        };
                        afterNextFrame(scene, untilEnd[0]);
                    }
                });
                // The FX thread's CPU up to the frame, measured on the FX thread as the frame's layout ends.
                Runnable[] layout = new Runnable[1];
                layout[0] = () -> {
                    if (!model.transcript().isEmpty()) {
                        scene.removePostLayoutPulseListener(layout[0]);
                        cpuToFrame[0] = CPU.getCurrentThreadCpuTime() - cpuStart;
                    }
                };
                scene.addPostLayoutPulseListener(layout[0]);
                model.onEvents(batch);
            });
        });
        return done;
    }

    /** Whether the transcript list has a cell on screen for entry {@code last}. */
    private static boolean showsLast(Scene scene, int last) {
        return scene.getRoot().lookupAll("#transcript-list .list-cell").stream()
                .anyMatch(n -> n instanceof ListCell<?> cell && cell.isVisible() && cell.getIndex() == last
                        && !cell.isEmpty());
    }

    /**
     * Gives {@code then}, on the FX thread, the time the next frame of {@code scene} was painted: after the next
     * pulse's layout the pulse hands its frame to the renderer thread, and a job queued behind it runs once it is drawn.
     */
    private static void afterNextFrame(Scene scene, LongConsumer then) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            Platform.runLater(() -> Renderer.THREAD.execute(() -> {
                long painted = System.nanoTime();
                Platform.runLater(() -> then.accept(painted));
            }));
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }

    /** JavaFX's renderer thread (com.sun.javafx.tk.quantum.QuantumRenderer: one thread, jobs in order), once started. */
    private static final class Renderer {
        static final ThreadPoolExecutor THREAD = find();

        private static ThreadPoolExecutor find() {
            try {
                Method instance = Class.forName("com.sun.javafx.tk.quantum.QuantumRenderer").getMethod("getInstance");
                instance.setAccessible(true);
                return (ThreadPoolExecutor) instance.invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("JavaFX's renderer thread is not where this benchmark expects it", e);
            }
        }
    }
}
