package dev.dobby.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.ShellBackend;
import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.hub.testing.ScriptedAgentBackend;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.TaskProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowViewModelTest {
    @TempDir
    Path home;

    @Test
    void loadsTheStepsThenMergesLiveOnesByAttemptAndIndex() {
        try (TestHub hub = TestHub.start(home, UnaryOperator.identity(),
                b -> b.backends(List.of(new ShellBackend(), new ScriptedAgentBackend())))) {
            hub.project("p");
            Task task = hub.api().createTask(NewTask.of("echo 'STEP tool_call|0|100|10|Read a.txt|'; "
                    + "echo 'STEP file_edit|0|100|10|Edit b.txt|'; echo done", "p").withBackend(Backend.CLAUDE));
            assertThat(hub.awaitEnd(task.id(), Duration.ofSeconds(20)).status()).isEqualTo(TaskStatus.COMPLETED);

            FlowViewModel model = new FlowViewModel(hub.api(), Background.direct());
            assertThat(model.summaryProperty().get()).isEqualTo("Select a task to see its steps.");
            model.onEvents(new EventBridge.Batch(List.of(), task.id(), List.of(), true));
            assertThat(model.steps()).extracting(FlowStep::title).containsExactly("Read a.txt", "Edit b.txt");
            assertThat(model.summaryProperty().get()).startsWith("2 steps · 2 tool calls · 1 edit")
                    .contains("200 in / 20 out tokens");

            FlowStep changed = new FlowStep(task.id(), 1, 1, FlowStep.Kind.FILE_EDIT, Instant.now(),
                    "Edit b.txt (again)", null, 10L, null, "b.txt", null, null, false);
            FlowStep added = new FlowStep(task.id(), 1, 2, FlowStep.Kind.MESSAGE, Instant.now(), "All done", null,
                    null, null, null, null, null, false);
            FlowStep otherTask = new FlowStep(task.id() + 1, 1, 9, FlowStep.Kind.MESSAGE, Instant.now(), "no", null,
                    null, null, null, null, null, false);
            model.onEvents(new EventBridge.Batch(List.of(), task.id(), List.of(
                    new TaskProgress(1, Instant.now(), task.id(), 1, null, List.of(added, changed)),
                    new TaskProgress(2, Instant.now(), task.id() + 1, 1, null, List.of(otherTask))), false));
            assertThat(model.steps()).extracting(FlowStep::title)
                    .containsExactly("Read a.txt", "Edit b.txt (again)", "All done");

            model.onEvents(new EventBridge.Batch(List.of(), null, List.of(), true));
            assertThat(model.steps()).isEmpty();
        }
    }

    @Test
    void aShellTaskHasNoStepsAndSaysWhy() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            Task task = hub.shell("p", "echo plain");
            hub.awaitEnd(task.id(), Duration.ofSeconds(20));
            FlowViewModel model = new FlowViewModel(hub.api(), Background.direct());
            model.onEvents(new EventBridge.Batch(List.of(), task.id(), List.of(), true));
            assertThat(model.steps()).isEmpty();
            assertThat(model.summaryProperty().get()).startsWith("No agent steps");
        }
    }
}
