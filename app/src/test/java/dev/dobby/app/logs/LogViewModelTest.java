package dev.dobby.app.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.fx.EventBridge;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogViewModelTest {

    private static TaskLog log(long task, long firstSeq, String... texts) {
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            lines.add(new LogLine(firstSeq + i, task, 1, "stdout", Instant.now(), texts[i]));
        }
        return new TaskLog(firstSeq + texts.length - 1, Instant.now(), task, lines);
    }

    private static EventBridge.Batch batch(long task, boolean reset, HubEvent... events) {
        return new EventBridge.Batch(List.of(), task, List.of(events), reset);
    }

    private static List<String> texts(LogViewModel model) {
        return model.lines().stream().map(LogViewModel.Entry::plain).toList();
    }

    @Test
    void appendsEachLineOnceAndStartsAfreshForAnotherTask() {
        LogViewModel model = new LogViewModel(100);
        model.onEvents(batch(7, true, log(7, 1, "one", "two")));
        model.onEvents(batch(7, false, log(7, 2, "two"), log(7, 3, "three")));
        assertThat(texts(model)).containsExactly("one", "two", "three");
        assertThat(model.taskIdProperty().get()).isEqualTo(7L);

        model.onEvents(batch(8, true, log(8, 10, "other")));
        assertThat(texts(model)).containsExactly("other");
        assertThat(model.taskIdProperty().get()).isEqualTo(8L);
    }

    @Test
    void keepsOnlyTheNewestLinesAndCountsTheRest() {
        LogViewModel model = new LogViewModel(5);
        String[] many = new String[12];
        for (int i = 0; i < many.length; i++) {
            many[i] = "line " + i;
        }
        model.onEvents(batch(1, true, log(1, 1, many)));
        assertThat(texts(model)).containsExactly("line 7", "line 8", "line 9", "line 10", "line 11");
        assertThat(model.droppedProperty().get()).isEqualTo(7);
        model.onEvents(batch(1, false, log(1, 13, "line 12", "line 13")));
        assertThat(texts(model)).containsExactly("line 9", "line 10", "line 11", "line 12", "line 13");
        assertThat(model.droppedProperty().get()).isEqualTo(9);
    }

    @Test
    void searchCountsMatchesAndWalksThroughThemBothWays() {
        LogViewModel model = new LogViewModel(100);
        model.onEvents(batch(1, true, log(1, 1, "compiling", "\u001b[31mERROR\u001b[0m in A", "ok", "error in B")));
        assertThat(model.lines().get(1).plain()).isEqualTo("ERROR in A");

        model.searchProperty().set("error");
        assertThat(model.matchesProperty().get()).isEqualTo(2);
        assertThat(model.findNext()).isEqualTo(1);
        assertThat(model.findNext()).isEqualTo(3);
        assertThat(model.findNext()).isEqualTo(1);
        assertThat(model.findPrevious()).isEqualTo(3);

        model.onEvents(batch(1, false, log(1, 5, "another error")));
        assertThat(model.matchesProperty().get()).isEqualTo(3);
        model.searchProperty().set("nothing like it");
        assertThat(model.findNext()).isEqualTo(-1);
    }

    @Test
    void anAgentTaskGrowsItsTranscriptAsLinesArriveAndATaskOfAnotherKindHasNone() {
        dev.dobby.protocol.Task claude = new dev.dobby.protocol.Task(7, "fix it", "web", dev.dobby.protocol.Backend.CLAUDE,
                dev.dobby.protocol.Priority.NORMAL, dev.dobby.protocol.TaskStatus.RUNNING, null, 60, List.of(), null,
                null, List.of(), false, null, 1, null, null, Instant.now(), Instant.now(), null, null, null, null, null,
                null, false, null);
        LogViewModel model = new LogViewModel(100, Runnable::run, Runnable::run);
        String toolUse = "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\","
                + "\"name\":\"Bash\",\"input\":{\"command\":\"npm test\"}}]}}";
        String result = "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":"
                + "\"t1\",\"content\":\"12 passing\"}]}}";
        model.onEvents(batch(7, true, new dev.dobby.protocol.event.TaskCreated(1, Instant.now(), claude),
                log(7, 2, "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":"
                        + "\"Running the tests.\"}]}}", toolUse)));
        assertThat(model.agentProperty().get()).isTrue();
        assertThat(model.transcript()).extracting(e -> e.title()).containsExactly("Running the tests.", "Bash: npm test");
        assertThat(model.transcript().get(1).open()).isTrue();

        model.onEvents(batch(7, false, log(7, 4, result, "plain text")));
        assertThat(model.transcript()).hasSize(3);
        assertThat(model.transcript().get(1).output()).isEqualTo("12 passing");
        assertThat(model.transcript().get(1).open()).isFalse();
        assertThat(model.transcript().get(2).text()).isEqualTo("plain text");
        assertThat(texts(model)).hasSize(4);

        model.onEvents(batch(8, true, log(8, 10, "other")));
        assertThat(model.agentProperty().get()).isFalse();
        assertThat(model.transcript()).extracting(e -> e.text()).containsExactly("other");
    }

    @Test
    void theTranscriptIsReadAwayFromTheUiAndAReadingForAnEarlierTaskIsDropped() {
        java.util.ArrayDeque<Runnable> readerQueue = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Runnable> uiQueue = new java.util.ArrayDeque<>();
        LogViewModel model = new LogViewModel(100, readerQueue::add, uiQueue::add);
        String message = "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":"
                + "\"Reading the code.\"}]}}";
        model.onEvents(batch(7, true, log(7, 2, message)));
        assertThat(texts(model)).hasSize(1);  // the raw line is there at once
        assertThat(model.transcript()).isEmpty();
        assertThat(model.readingProperty().get()).isEqualTo(1);

        model.onEvents(batch(8, true, log(8, 10, "other")));
        while (!readerQueue.isEmpty() || !uiQueue.isEmpty()) {
            if (!readerQueue.isEmpty()) {
                readerQueue.poll().run();
            } else {
                uiQueue.poll().run();
            }
        }
        assertThat(model.transcript()).extracting(e -> e.text()).containsExactly("other");
        assertThat(model.readingProperty().get()).isZero();
    }
}
