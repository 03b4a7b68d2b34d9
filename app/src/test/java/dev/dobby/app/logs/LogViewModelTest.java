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
}
