package dev.dobby.hub.testing;

import dev.dobby.hub.core.WorkService;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.Heartbeat;
import dev.dobby.protocol.work.Outcome;
import dev.dobby.protocol.work.WorkerHello;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A worker driven by the test itself through the hub's worker protocol: claim, then report what it likes. */
public final class FakeWorker {
    private final WorkService work;
    private final String id;

    public FakeWorker(WorkService work, String id, List<Backend> backends, List<String> tags, int slots) {
        this.work = work;
        this.id = id;
        work.register(new WorkerHello(id, new Spoke.Capabilities(backends, tags, "test", 1, slots, List.of()), "test"),
                false, null);
    }

    public String id() {
        return id;
    }

    /** Wait for a task and confirm it with a heartbeat, as a real worker does before it starts the agent. */
    public Optional<Assignment> poll(Duration wait) {
        Optional<Assignment> assignment = work.poll(id, wait);
        assignment.ifPresent(a -> work.heartbeat(new Heartbeat(id, List.of(a.attempt()), null, false)));
        return assignment;
    }

    public Assignment take() {
        return poll(Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError(id + " got no task within 5 s"));
    }

    public void finish(Assignment assignment, TaskStatus status, int exitCode, String summary) {
        work.finish(assignment.attempt(), outcome(status, exitCode, summary));
    }

    public static Outcome outcome(TaskStatus status, Integer exitCode, String summary) {
        return new Outcome(status, exitCode, 0.5, summary, List.of(), null, null, null, null, null, null, null, null,
                false, null, false, null, 0);
    }
}
