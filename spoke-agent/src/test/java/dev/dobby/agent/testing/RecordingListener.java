package dev.dobby.agent.testing;

import dev.dobby.agent.runner.RunListener;
import dev.dobby.agent.runner.RunResult;
import dev.dobby.protocol.work.OutputLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Keeps what a run reported, as a worker would receive it. */
public final class RecordingListener implements RunListener {
    private final List<OutputLine> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private volatile long pid = -1;

    @Override
    public void started(long pid, Instant processStart) {
        this.pid = pid;
    }

    @Override
    public void output(OutputLine line) {
        lines.add(line);
    }

    @Override
    public void exited(RunResult runResult) {
        if (!result.complete(runResult)) {
            throw new AssertionError("exited reported twice");
        }
    }

    public List<OutputLine> lines() {
        return List.copyOf(lines);
    }

    public List<String> texts() {
        return lines.stream().map(OutputLine::text).toList();
    }

    public long pid() {
        return pid;
    }

    /** The run's result, waiting up to {@code limit} for it. */
    public RunResult await(Duration limit) {
        try {
            return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the run did not end within " + limit.toSeconds() + " s; output so far: "
                    + texts());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }
}
