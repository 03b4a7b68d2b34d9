package dev.dobby.bench;

import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.logs.LogView;
import dev.dobby.app.logs.LogViewModel;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.TaskCreated;
import dev.dobby.protocol.event.TaskLog;
import dev.dobby.protocol.work.OutputLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * How long the desktop app takes to open the Log tab of a long Claude Code session as a transcript: from the
 * moment the task's events reach the log view model (a selection replays them) to the end of the first layout pulse
 * that shows it — parsing every line into transcript entries, building a fresh {@link LogView} and laying out the
 * visible cells. The session is {@link ParserThroughput}'s synthetic coding session cut to {@code --events} lines
 * (messages, Reads with ~8 KB results, Edits, Bash calls, limit notices), on JavaFX's headless Monocle platform
 * with software rendering, in a 1200×780 window.
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
        EventBridge.Batch batch = new EventBridge.Batch(List.of(), 1L, List.of(new TaskCreated(1, t0, task),
                new TaskLog(lines.size() + 1, t0, 1, lines)), true);

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
        int entries = 0;
        for (int run = 0; run < runs; run++) {
            Opening opening = open(stage, batch).get(60, TimeUnit.SECONDS);
            ms[run] = opening.nanos / 1e6;
            parseMs[run] = opening.parseNanos / 1e6;
            cpuMs[run] = opening.cpuNanos / 1e6;
            entries = opening.entries;
        }
        double first = ms[0];
        double[] warm = Arrays.copyOfRange(ms, Math.min(3, runs - 1), runs);
        Arrays.sort(warm);
        double[] warmParse = Arrays.copyOfRange(parseMs, Math.min(3, runs - 1), runs);
        Arrays.sort(warmParse);
        double[] warmCpu = Arrays.copyOfRange(cpuMs, Math.min(3, runs - 1), runs);
        Arrays.sort(warmCpu);
        System.out.printf(Locale.ROOT, "session: %d log lines -> %d transcript entries%n", lines.size(), entries);
        System.out.printf(Locale.ROOT, "open as transcript: first %.0f ms (cold JVM), then median %.0f ms, max %.0f ms"
                + " over %d runs (target <= 300 ms)%n", first, warm[warm.length / 2], warm[warm.length - 1], warm.length);
        System.out.printf(Locale.ROOT, "  of which reading the lines into the model: first %.0f ms, then median %.0f ms%n",
                parseMs[0], warmParse[warmParse.length / 2]);
        System.out.printf(Locale.ROOT, "  CPU time of the FX thread for it: first %.0f ms, then median %.0f ms%n",
                cpuMs[0], warmCpu[warmCpu.length / 2]);
        System.out.printf(Locale.ROOT, "load average %.1f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "java %s on %s, %d cpus%n", System.getProperty("java.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
        Platform.exit();
    }

    private record Opening(long nanos, long parseNanos, long cpuNanos, int entries) {
    }

    /** On the FX thread: feed the events to a fresh model and view, and time it until the next layout pulse ends. */
    private static CompletableFuture<Opening> open(Stage stage, EventBridge.Batch batch) {
        CompletableFuture<Opening> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            long start = System.nanoTime();
            long cpuStart = CPU.getCurrentThreadCpuTime();
            LogViewModel model = new LogViewModel(LogViewModel.DEFAULT_MAX_LINES);
            model.onEvents(batch);
            long parsed = System.nanoTime() - start;
            LogView view = new LogView(model);
            Scene scene = stage.getScene();
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                scene.removePostLayoutPulseListener(listener[0]);
                done.complete(new Opening(System.nanoTime() - start, parsed,
                        CPU.getCurrentThreadCpuTime() - cpuStart, model.transcript().size()));
            };
            scene.addPostLayoutPulseListener(listener[0]);
            scene.setRoot(view);
            Platform.requestNextPulse();
        });
        return done;
    }
}
