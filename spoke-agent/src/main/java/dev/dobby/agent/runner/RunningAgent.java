package dev.dobby.agent.runner;

import dev.dobby.agent.runner.git.WorktreeManager;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.OutputLine;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** One agent process and its output pumps; {@link #stop} ends it early. */
public final class RunningAgent {
    // After the agent exits, how long its output pipes may stay open (held by stragglers we are killing).
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(10);

    private final Assignment assignment;
    private final RunListener listener;
    private final AtomicReference<StopRequest> stopRequest = new AtomicReference<>();
    private final AtomicBoolean exited = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Process process;
    private volatile OutputParser parser;
    private volatile Duration killGrace = Duration.ZERO;
    private volatile WorktreeManager.Lease lease;

    private record StopRequest(TaskStatus status, String reason) {
    }

    private RunningAgent(Assignment assignment, RunListener listener) {
        this.assignment = assignment;
        this.listener = listener;
    }

    public Assignment assignment() {
        return assignment;
    }

    static RunningAgent refused(RunListener listener, String reason) {
        RunningAgent run = new RunningAgent(null, listener);
        run.finish(new RunResult(TaskStatus.FAILED, null, 0,
                ParsedResult.summaryOnly(reason), reason, null));
        return run;
    }

    /** @param lease the attempt's worktree, closed once the agent is gone; null when it runs in place */
    static RunningAgent launch(ProcessBuilder builder, Assignment assignment, OutputParser parser, Redactor redactor,
                               Duration killGrace, Clock clock, WorktreeManager.Lease lease, RunListener listener) {
        RunningAgent run = new RunningAgent(assignment, listener);
        run.killGrace = killGrace;
        run.lease = lease;
        Instant startedAt = clock.instant();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            String reason = "could not start " + assignment.backend().wire() + ": " + e.getMessage();
            RunResult.Worktree worktree = lease == null ? null : lease.close().worktree();
            run.finish(new RunResult(TaskStatus.FAILED, null, 0, ParsedResult.summaryOnly(reason), reason, worktree));
            return run;
        }
        run.process = process;
        run.parser = parser;
        listener.started(process.pid(), process.info().startInstant().orElse(startedAt));

        Thread stdout = pump(process.getInputStream(), OutputLine.STDOUT, parser, redactor, clock, listener);
        Thread stderr = pump(process.getErrorStream(), OutputLine.STDERR, parser, redactor, clock, listener);
        Thread.ofVirtual().name("dobby-run-" + assignment.taskId()).start(() ->
                run.superviseUntilExit(stdout, stderr, parser, clock, startedAt));
        return run;
    }

    private static Thread pump(InputStream in, String stream, OutputParser parser, Redactor redactor, Clock clock,
                               RunListener listener) {
        return Thread.ofVirtual().name("dobby-pump-" + stream).start(() -> {
            try (in) {
                Redactor.Lines lines = redactor.lines();
                LineReader.readLines(in, LineReader.MAX_PARSED_LINE, text -> {
                    // Redact the whole line before anything sees it, so no secret survives a cut between pieces.
                    OutputLine line = new OutputLine(stream, clock.instant(), lines.redact(text));
                    parser.accept(line);
                    for (String piece : LineReader.pieces(line.text())) {
                        listener.output(new OutputLine(stream, line.at(), piece));
                    }
                });
            } catch (IOException closed) {
                // the process is gone and took the pipe with it
            }
        });
    }

    private void superviseUntilExit(Thread stdout, Thread stderr, OutputParser parser, Clock clock, Instant startedAt) {
        Process p = process;
        int timeout = assignment.timeoutSeconds();
        try {
            boolean exitedInTime = timeout <= 0 ? waitForever(p) : p.waitFor(timeout, TimeUnit.SECONDS);
            if (!exitedInTime) {
                stop(TaskStatus.TIMED_OUT, "stopped after the timeout of " + timeout + " s");
            }
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Whatever the agent left running in its group goes with it, or its pipes would never close.
        ProcessGroups.terminate(p.toHandle(), Duration.ofSeconds(1));
        joinQuietly(stdout);
        joinQuietly(stderr);

        double seconds = Duration.between(startedAt, clock.instant()).toMillis() / 1000.0;
        StopRequest stop = stopRequest.get();
        int exitCode = p.exitValue();
        ParsedResult parsed = parser.finish(exitCode);
        RunResult.Worktree worktree = null;
        if (lease != null) {
            WorktreeManager.Outcome outcome = lease.close();
            worktree = outcome.worktree();
            parsed = parsed.withFilesChanged(outcome.filesChanged());
        }
        TaskStatus status;
        String reason;
        if (stop != null) {
            status = stop.status();
            reason = stop.reason();
        } else if (parsed.status() != null) {
            status = parsed.status();
            reason = parsed.reason();
        } else if (exitCode == 0) {
            status = TaskStatus.COMPLETED;
            reason = null;
        } else {
            status = TaskStatus.FAILED;
            reason = parsed.reason() != null ? parsed.reason() : "exited with code " + exitCode;
        }
        finish(new RunResult(status, stop != null ? null : exitCode, seconds, parsed, reason, worktree));
    }

    private static boolean waitForever(Process p) throws InterruptedException {
        p.waitFor();
        return true;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(DRAIN_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finish(RunResult result) {
        if (exited.compareAndSet(false, true)) {
            try {
                listener.exited(result);
            } finally {
                done.countDown();
            }
        }
    }

    /**
     * End the run early, reporting {@code status} (cancelled, timed_out, stale): SIGTERM to the agent's process
     * group, then SIGKILL after the grace period. Safe to call more than once; the first reason wins.
     */
    public void stop(TaskStatus status, String reason) {
        if (!stopRequest.compareAndSet(null, new StopRequest(status, reason))) {
            return;
        }
        Process p = process;
        if (p != null && p.isAlive()) {
            Thread.ofVirtual().name("dobby-stop-" + assignment.taskId())
                    .start(() -> ProcessGroups.terminate(p.toHandle(), killGrace));
        }
    }

    /** What the parser learned since the last call (steps, progress, usage). */
    public OutputParser.Updates drainUpdates() {
        OutputParser p = parser;
        return p == null ? OutputParser.Updates.NONE : p.drain();
    }

    /** Wait until the run has reported its end. */
    public boolean awaitExit(Duration limit) throws InterruptedException {
        return done.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean hasExited() {
        return exited.get();
    }

    /** The agent's pid, or -1 if it never started. */
    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }
}
