package dev.dobby.app.bench;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;

import dev.dobby.app.testing.AppTest;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Benchmark, not a test (the suite does not run it; bench/app-task-list.sh does): the real app on an embedded hub
 * with 100,000 tasks, scrolled row by row through pages of the task list, each pulse's CSS and layout timed with
 * pulse listeners, and each page turn timed from the click to the new rows on screen. Prints the figures and
 * writes them to target/bench/task-list.txt. Asserts nothing about speed.
 */
class TaskListScrollBenchmark extends AppTest {
    private static final int TASKS = Integer.getInteger("bench.tasks", 100_000);
    private static final int PAGES_SCROLLED = Integer.getInteger("bench.pages", 12);
    private static final double PIXELS_PER_PULSE = 48;
    /** Set from a page-turn request until the pulse after its rows are shown: those pulses are counted apart. */
    private static volatile boolean turning;

    @Test
    void scrollThroughAHundredThousandTasks(FxRobot robot) throws Exception {
        app.awaitReady();
        app.project("bench");
        long seedStart = System.nanoTime();
        for (int made = 0; made < TASKS; made += 1000) {
            List<NewBatch.Entry> entries = new ArrayList<>();
            for (int i = made; i < Math.min(TASKS, made + 1000); i++) {
                // Tagged for a worker that does not exist: queued for ever, so nothing runs while we scroll.
                entries.add(new NewBatch.Entry(null, "benchmark task " + i + ": refactor module " + (i % 97),
                        "bench", null, Backend.SHELL, null, null, null, List.of("bench-only"), null));
            }
            app.api().createBatch(new NewBatch("bench " + made, entries));
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        awaitUi(() -> app.centre().tasks().totalProperty().get(), n -> n == TASKS, "all tasks counted");

        @SuppressWarnings("unchecked")
        TableView<Task> table = robot.lookup("#tasks-table").queryAs(TableView.class);
        Scene scene = fx(() -> table.getScene());
        List<Double> pulses = Collections.synchronizedList(new ArrayList<>());
        List<Double> turnPulses = Collections.synchronizedList(new ArrayList<>());
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        List<Double> intervals = Collections.synchronizedList(new ArrayList<>());
        List<Double> pageTurns = new ArrayList<>();
        long[] preAt = {0};
        long[] lastPost = {0};
        Runnable pre = () -> preAt[0] = System.nanoTime();
        Runnable post = () -> {
            long now = System.nanoTime();
            if (preAt[0] != 0) {
                double ms = (now - preAt[0]) / 1e6;
                (turning ? turnPulses : pulses).add(ms);
                if (System.getProperty("bench.trace") != null) {
                    trace.add(String.format(Locale.ROOT, "%.2f %s %d", ms, turning ? "turn" : "scroll", trace.size()));
                }
            }
            if (lastPost[0] != 0) {
                intervals.add((now - lastPost[0]) / 1e6);
            }
            lastPost[0] = now;
        };
        fx(() -> {
            scene.addPreLayoutPulseListener(pre);
            scene.addPostLayoutPulseListener(post);
            return null;
        });

        for (int page = 0; page < PAGES_SCROLLED; page++) {
            scrollToBottom(table);
            if (page + 1 < PAGES_SCROLLED) {
                pageTurns.add(turn(table, () -> app.centre().tasks().nextPage()));
            }
        }
        // Jumps a user makes: the oldest page, then back to the newest.
        pageTurns.add(turn(table, () -> app.centre().tasks().lastPage()));
        scrollToBottom(table);
        pageTurns.add(turn(table, () -> app.centre().tasks().firstPage()));

        fx(() -> {
            scene.removePreLayoutPulseListener(pre);
            scene.removePostLayoutPulseListener(post);
            return null;
        });
        List<Double> all = new ArrayList<>(pulses);
        all.addAll(turnPulses);
        String report = String.format(Locale.ROOT, """
                task list benchmark: %,d tasks (seeded in %.1f s), %d pages of %d rows scrolled %s px a pulse
                  pulse CSS+layout, every pulse (ms): n=%d p50=%.2f p95=%.2f p99=%.2f max=%.2f
                  pulse CSS+layout while scrolling (ms): n=%d p50=%.2f p95=%.2f p99=%.2f max=%.2f
                  pulse CSS+layout during page turns (ms): n=%d p50=%.2f p95=%.2f p99=%.2f max=%.2f
                  pulse to pulse (ms):   n=%d p50=%.2f p95=%.2f p99=%.2f max=%.2f
                  page turn, click to rows on screen (ms): n=%d p50=%.1f p99=%.1f max=%.1f
                  machine: %d cores, load %s
                """, TASKS, seedSeconds, PAGES_SCROLLED + 1, 200, (int) PIXELS_PER_PULSE,
                all.size(), q(all, 0.5), q(all, 0.95), q(all, 0.99), q(all, 1),
                pulses.size(), q(pulses, 0.5), q(pulses, 0.95), q(pulses, 0.99), q(pulses, 1),
                turnPulses.size(), q(turnPulses, 0.5), q(turnPulses, 0.95), q(turnPulses, 0.99), q(turnPulses, 1),
                intervals.size(), q(intervals, 0.5), q(intervals, 0.95), q(intervals, 0.99), q(intervals, 1),
                pageTurns.size(), q(pageTurns, 0.5), q(pageTurns, 0.99), q(pageTurns, 1),
                Runtime.getRuntime().availableProcessors(), load());
        System.out.print(report);
        Path out = Path.of("target", "bench", "task-list.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        if (!trace.isEmpty()) {
            Files.write(out.resolveSibling("task-list-trace.txt"), trace);
        }
    }

    /** Scrolls one pulse at a time, as a trackpad would, until the last row of the page is in view. */
    private static void scrollToBottom(TableView<Task> table) throws InterruptedException {
        while (true) {
            CountDownLatch drawn = new CountDownLatch(1);
            boolean[] atEnd = {false};
            Platform.runLater(() -> {
                VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
                var last = flow.getLastVisibleCell();
                atEnd[0] = last != null && last.getIndex() >= table.getItems().size() - 1;
                if (!atEnd[0]) {
                    flow.scrollPixels(PIXELS_PER_PULSE);
                }
                Runnable[] once = new Runnable[1];
                once[0] = () -> {
                    table.getScene().removePostLayoutPulseListener(once[0]);
                    drawn.countDown();
                };
                table.getScene().addPostLayoutPulseListener(once[0]);
                Platform.requestNextPulse();
            });
            if (!drawn.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("no pulse");
            }
            if (atEnd[0]) {
                return;
            }
        }
    }

    /** Milliseconds from asking for another page to its first row on screen. */
    private static double turn(TableView<Task> table, Runnable action) throws InterruptedException {
        long before = fx(() -> table.getItems().isEmpty() ? -1 : table.getItems().getFirst().id());
        turning = true;
        long start = System.nanoTime();
        fx(() -> {
            action.run();
            return null;
        });
        awaitUi(() -> table.getItems().isEmpty() ? -1 : table.getItems().getFirst().id(), id -> id != before,
                "the next page");
        double ms = (System.nanoTime() - start) / 1e6;
        fx(() -> {
            table.scrollTo(0);
            return null;
        });
        nextPulse(table);
        nextPulse(table);
        turning = false;
        return ms;
    }

    private static void nextPulse(TableView<Task> table) throws InterruptedException {
        CountDownLatch drawn = new CountDownLatch(1);
        Platform.runLater(() -> {
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                table.getScene().removePostLayoutPulseListener(once[0]);
                drawn.countDown();
            };
            table.getScene().addPostLayoutPulseListener(once[0]);
            Platform.requestNextPulse();
        });
        if (!drawn.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no pulse");
        }
    }

    private static double q(List<Double> values, double quantile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
