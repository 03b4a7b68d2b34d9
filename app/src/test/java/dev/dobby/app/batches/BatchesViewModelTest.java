package dev.dobby.app.batches;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.fx.Background;
import dev.dobby.app.testing.CountedCalls;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.NewBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch list against a real hub: the newest batches, their tasks and edges, in one call. */
class BatchesViewModelTest {
    @TempDir
    Path home;

    @Test
    void theNewestBatchesComeWithTheirTasksAndEdgesInOneCall() {
        try (TestHub hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0))) {
            hub.project("demo");
            List<Long> made = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                made.add(hub.api().createBatch(new NewBatch("run " + i, List.of(
                        NewBatch.Entry.of("build", "make " + i, "demo"),
                        NewBatch.Entry.of("test", "make test " + i, "demo", "build")))).id());
            }
            CountedCalls counted = new CountedCalls(hub.client());
            BatchesViewModel model = new BatchesViewModel(counted.api(), Background.direct());
            model.refresh();

            assertThat(model.batches()).extracting(BatchStatus::id).containsExactlyElementsOf(made.reversed());
            BatchStatus newest = model.selectedProperty().get();
            assertThat(newest.name()).isEqualTo("run 2");
            assertThat(BatchesViewModel.edges(newest)).containsExactly(
                    new BatchesViewModel.Edge(newest.tasks().get(0).id(), newest.tasks().get(1).id()));
            assertThat(counted.calls()).as("one call for every batch").containsExactly("batches");
        }
    }
}
