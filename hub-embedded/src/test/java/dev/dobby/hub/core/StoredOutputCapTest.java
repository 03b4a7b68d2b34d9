package dev.dobby.hub.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.FakeWorker;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.LogChunk;
import dev.dobby.protocol.work.OutputLine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** max_log_lines_per_attempt: the hub stores that many output lines of an attempt, then one notice, then none. */
class StoredOutputCapTest {
    private static final String NOTICE = "… output beyond 50 lines is not stored here (max_log_lines_per_attempt); "
            + "the agent ran on, and its full output stays in the attempt's folder on its worker for 7 days";

    @TempDir
    Path home;
    TestHub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aShellTaskPrintingPastTheCapRunsToTheEndWithItsFirstLinesAndOneNoticeStored() {
        hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(1).withMaxLogLinesPerAttempt(50));
        hub.project("p");
        Task task = hub.shell("p", "seq 1 3000; echo done >&2");

        Task ended = hub.awaitEnd(task.id(), Duration.ofSeconds(60));

        assertThat(ended.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(hub.api().result(task.id()).exitCode()).isZero();
        List<String> stored = texts(hub.api().logs(task.id(), 0, 5_000).lines());
        assertThat(stored).hasSize(51);
        // stdout and stderr are spooled to two files, so "done" may fall anywhere among the stdout lines; each
        // stream keeps its own order.
        List<String> stdout = stored.subList(0, 50).stream().filter(line -> !line.equals("done")).toList();
        assertThat(stdout).isEqualTo(IntStream.rangeClosed(1, stdout.size()).mapToObj(String::valueOf).toList());
        assertThat(stdout.size()).isBetween(49, 50);
        assertThat(stored.getLast()).isEqualTo(NOTICE);
    }

    @Test
    void chunksPastTheCapAreStillAcknowledgedInOrderAndTheirStepsKept() {
        hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0).withMaxLogLinesPerAttempt(50));
        hub.project("p");
        FakeWorker worker = new FakeWorker(hub.hub().work(), "spoke", List.of(Backend.SHELL), List.of(), 1);
        Task task = hub.api().createTask(NewTask.of("chatty", "p").withBackend(Backend.SHELL));
        Assignment assignment = worker.take();

        for (int number = 1; number <= 4; number++) {
            LogChunk chunk = new LogChunk(number, lines(number, 30), List.of(step(task.id(), number)), null, List.of());
            assertThat(hub.hub().work().appendLog(assignment.attempt(), chunk).nextExpected()).isEqualTo(number + 1);
        }
        assertThat(hub.hub().work().appendLog(assignment.attempt(), LogChunk.lines(2, lines(2, 30))).nextExpected())
                .as("a repeat is still told which chunk comes next").isEqualTo(5);

        List<String> stored = texts(hub.api().logs(task.id(), 0, 5_000).lines());
        assertThat(stored).hasSize(51).endsWith("chunk 2 line 20", NOTICE);
        assertThat(hub.api().flow(task.id()).steps()).extracting(FlowStep::title)
                .containsExactly("step 1", "step 2", "step 3", "step 4");
    }

    private static List<OutputLine> lines(int chunk, int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new OutputLine(OutputLine.STDOUT, Instant.now(), "chunk " + chunk + " line " + i))
                .toList();
    }

    private static FlowStep step(long taskId, int index) {
        return new FlowStep(taskId, 1, index - 1, FlowStep.Kind.MESSAGE, Instant.now(), "step " + index, "", null,
                null, null, null, null, false);
    }

    private static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(LogLine::text).toList();
    }
}
