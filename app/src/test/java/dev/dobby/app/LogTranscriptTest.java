package dev.dobby.app;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.logs.LogView;
import dev.dobby.app.logs.LogViewModel;
import dev.dobby.app.testing.AppTest;
import dev.dobby.app.testing.Screenshots;
import dev.dobby.app.theme.Theme;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.TaskCreated;
import dev.dobby.protocol.event.TaskLog;
import dev.dobby.protocol.transcript.TranscriptEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Log tab of an agent task reads as a transcript: a real Claude Code stream printed through the embedded hub's
 * real process path, and a Codex stream in the same view; the raw lines stay one toggle away.
 */
class LogTranscriptTest extends AppTest {
    @AfterEach
    void lightAgain() {
        fx(() -> {
            app.centre().theme().choose(Theme.LIGHT);
            return null;
        });
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(LogTranscriptTest.class.getResourceAsStream(
                "/fixtures/agents/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static ListView<TranscriptEntry> transcript(FxRobot robot, Node root) {
        return robot.from(root).lookup("#transcript-list").queryAs(ListView.class);
    }

    /** The entries the transcript list holds, or none while it is not in the window. */
    @SuppressWarnings("unchecked")
    private static List<TranscriptEntry> entries(FxRobot robot, Node root) {
        return robot.from(root).lookup("#transcript-list").tryQuery()
                .map(n -> List.copyOf(((ListView<TranscriptEntry>) n).getItems())).orElse(List.of());
    }

    /** The text of every label the transcript list shows now. */
    private static List<String> shown(FxRobot robot, Node root) {
        return fx(() -> robot.from(transcript(robot, root)).lookup((Node n) -> n instanceof Label l && l.isVisible()
                && l.getText() != null && !l.getText().isEmpty()).queryAllAs(Label.class).stream()
                .map(Label::getText).toList());
    }

    @Test
    void aClaudeTaskShowsItsTranscriptByDefaultAndItsRawLinesOnAToggle(FxRobot robot) throws IOException {
        app.awaitReady();
        app.project("demo");
        Files.writeString(home.resolve("projects/demo/claude.jsonl"),
                fixture("claude-stream-sample-oauth-ratelimit-2.1.330.jsonl"));
        Task task = app.api().createTask(NewTask.of("cat claude.jsonl", "demo").withBackend(Backend.CLAUDE));
        Task done = app.hub().api().getTask(task.id());
        awaitUi(() -> app.api().getTask(task.id()).status(), s -> s == TaskStatus.COMPLETED, "the task to complete");

        select(robot, done);
        robot.clickOn("#log-tab");
        Node root = app.centre().stage().getScene().getRoot();
        List<TranscriptEntry> entries = awaitUi(() -> entries(robot, root),
                e -> !e.isEmpty() && e.getLast().kind() == TranscriptEntry.Kind.RESULT, "the transcript's outcome");
        assertThat(entries).extracting(TranscriptEntry::title).containsExactly("Session started · claude-sonnet-5-5",
                "Running a command.", "Bash: echo hello-from-bash", entries.get(3).title(),
                "The command printed hello-from-bash.", "Completed");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> labels = shown(robot, root);
        assertThat(labels).contains("Running a command.", "Bash: echo hello-from-bash", "hello-from-bash",
                "1 line · 15 B", "Completed", "$0.0010 · 240 in · 50 out tokens · 0.5 s · 2 turns");
        assertThat(labels).anyMatch(l -> l.startsWith("91% of the 5-hour window used, resets"));
        assertThat(labels).noneMatch(l -> l.contains("\"type\""));
        assertThat(fx(() -> robot.lookup("#log-readable").queryAs(ToggleButton.class).isSelected())).isTrue();
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "log-transcript-claude-light"));
        fx(() -> {
            app.centre().theme().choose(Theme.DARK);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "log-transcript-claude-dark"));

        // a click unfolds the tool call: its input shows
        robot.clickOn(robot.from(transcript(robot, root)).lookup((Node n) -> n instanceof Label l
                && "Bash: echo hello-from-bash".equals(l.getText())).queryAs(Label.class));
        awaitUi(() -> shown(robot, root), l -> l.stream().anyMatch(t -> t.startsWith("Input\n")
                && t.contains("echo hello-from-bash")), "the tool call's input");

        robot.clickOn("#log-raw");
        @SuppressWarnings("unchecked")
        ListView<LogViewModel.Entry> raw = awaitUi(() -> robot.lookup("#log-list").queryAs(ListView.class),
                l -> l != null && l.getScene() != null, "the raw lines");
        assertThat(fx(() -> raw.getItems().getFirst().plain())).startsWith("{\"type\":\"system\",\"subtype\":\"init\"");
        // the raw view's bar (search, ↑ ↓, Follow) fits the Log tab at the default window size
        Node logView = robot.lookup("#log-view").query();
        Node follow = robot.lookup("#log-follow").query();
        assertThat(fx(() -> follow.localToScene(follow.getLayoutBounds()).getMaxX()))
                .isLessThanOrEqualTo(fx(() -> logView.localToScene(logView.getLayoutBounds()).getMaxX()));
        assertThat(fx(() -> robot.from(root).lookup("#transcript-list").tryQuery())).isEmpty();
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "log-transcript-claude-raw-dark"));
        robot.clickOn("#log-readable");
        awaitUi(() -> robot.from(root).lookup("#transcript-list").tryQuery(), java.util.Optional::isPresent,
                "the transcript again");
    }

    /** Click the task's row until it is selected: a reload of the list may take the first click's selection. */
    private void select(FxRobot robot, Task task) {
        for (int attempt = 1; ; attempt++) {
            ControlCentreTest.clickCell(robot, task.description());
            try {
                dev.dobby.hub.testing.Await.until(() -> fx(() -> app.centre().tasks().selectedProperty().get()),
                        t -> t != null && t.id() == task.id(), Duration.ofSeconds(5), "task selected");
                return;
            } catch (AssertionError e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    @Test
    void aCodexStreamReadsAsATranscriptInTheSameView(FxRobot robot) throws IOException {
        app.awaitReady();
        List<LogLine> lines = new ArrayList<>();
        Instant t0 = Instant.parse("2026-12-02T04:00:00Z");
        long seq = 100;
        for (String text : fixture("codex-exec-sample-0.169.0.jsonl").split("\n")) {
            seq++;
            lines.add(new LogLine(seq, 42, 1, "stdout", t0.plusSeconds(seq - 100), text));
        }
        Task codex = new Task(42, "add hello.txt", "demo", Backend.CODEX, Priority.NORMAL, TaskStatus.COMPLETED, null,
                60, List.of(), null, null, List.of(), false, null, 1, null, null, t0, t0, null, null, null, null, null,
                null, false, null);
        LogViewModel model = new LogViewModel(LogViewModel.DEFAULT_MAX_LINES);
        long lastSeq = seq;
        Stage stage = fx(() -> {
            Stage window = new Stage();
            Scene scene = new Scene(new LogView(model), 1000, 520);
            scene.getStylesheets().addAll(app.centre().stage().getScene().getStylesheets());
            window.setScene(scene);
            window.show();
            model.onEvents(new EventBridge.Batch(List.of(), 42L, List.of(new TaskCreated(100, t0, codex),
                    new TaskLog(lastSeq, t0, 42, lines)), true));
            return window;
        });
        Node root = stage.getScene().getRoot();
        List<TranscriptEntry> entries = awaitUi(() -> entries(robot, root),
                e -> e.size() == 7, "the Codex transcript");
        assertThat(entries).extracting(TranscriptEntry::title).containsExactly("Session started", "Thinking",
                "Adding hello.txt.", "Create /home/dev/repo/hello.txt", "Bash: cat hello.txt",
                "Done: hello.txt contains \"Hello, world!\".", "Completed");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(robot, root)).contains("Bash: cat hello.txt", "exit 0 · 1 line · 14 B", "Hello, world!",
                "3,000 in (600 cached) · 150 out tokens · 9.0 s");
        fx(() -> Screenshots.save(stage.getScene(), "log-transcript-codex-light"));
        fx(() -> {
            stage.close();
            return null;
        });
    }

    @Test
    void aLongSessionOpensAtItsEndAndEveryEntryShowsWhenScrolledTo(FxRobot robot) throws IOException {
        app.awaitReady();
        // Thirty attempts of a real Claude Code run: outcomes (their figures under the title) between tool calls
        // (their size beside it), so cells keep switching between the two layouts as the list scrolls.
        String[] sample = fixture("claude-stream-sample-oauth-ratelimit-2.1.330.jsonl").split("\n");
        List<LogLine> lines = new ArrayList<>();
        Instant t0 = Instant.parse("2026-12-02T04:00:00Z");
        long seq = 0;
        for (int attempt = 1; attempt <= 30; attempt++) {
            for (String text : sample) {
                seq++;
                lines.add(new LogLine(seq, 43, attempt, "stdout", t0.plusSeconds(seq), text));
            }
        }
        Task claude = new Task(43, "say hello", "demo", Backend.CLAUDE, Priority.NORMAL, TaskStatus.COMPLETED, null,
                60, List.of(), null, null, List.of(), false, null, 30, null, null, t0, t0, null, null, null, null, null,
                null, false, null);
        LogViewModel model = new LogViewModel(LogViewModel.DEFAULT_MAX_LINES);
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long lastSeq = seq;
        Stage stage = fx(() -> {
            Thread.UncaughtExceptionHandler before = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> {
                failures.add(e);
                before.uncaughtException(thread, e);
            });
            Stage window = new Stage();
            Scene scene = new Scene(new LogView(model), 1000, 520);
            scene.getStylesheets().addAll(app.centre().stage().getScene().getStylesheets());
            window.setScene(scene);
            window.show();
            model.onEvents(new EventBridge.Batch(List.of(), 43L, List.of(new TaskCreated(100, t0, claude),
                    new TaskLog(lastSeq, t0, 43, lines)), true));
            return window;
        });
        Node root = stage.getScene().getRoot();
        List<TranscriptEntry> entries = awaitUi(() -> entries(robot, root), e -> e.size() > 200, "the long transcript");
        // it opens where the session ended, as Follow asks
        awaitUi(() -> shown(robot, root), l -> l.contains("Completed") && l.contains("Attempt 30"), "the last attempt");
        ListView<TranscriptEntry> list = transcript(robot, root);
        for (int i = entries.size() - 1; i >= 0; i -= 7) {
            int index = i;
            fx(() -> {
                list.scrollTo(index);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            TranscriptEntry entry = entries.get(index);
            String expected = entry.title() != null ? entry.title() : entry.text();
            assertThat(shown(robot, root)).as("entry %d shown when scrolled to", index).contains(expected);
        }
        assertThat(failures).isEmpty();
        fx(() -> {
            stage.close();
            return null;
        });
    }
}
