package dev.dobby.agent.runner;

import dev.dobby.agent.executor.Execution;
import dev.dobby.agent.executor.Executor;
import dev.dobby.agent.runner.git.WorktreeManager;
import dev.dobby.agent.supervisor.AttemptFolder;
import dev.dobby.agent.supervisor.ExitRecord;
import dev.dobby.agent.supervisor.SpoolTail;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.OutputLine;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One attempt's agent, run by its supervisor process (see {@code dobby-supervise.pl}), and the threads that follow
 * the output the supervisor spools into the attempt's folder. The agent does not depend on this JVM: if it dies,
 * the agent runs on, and a new worker takes the attempt up again with {@link #reattach}, reading the output from
 * where the hub's copy ends. {@link #stop} asks the supervisor to end the agent early.
 */
public final class RunningAgent {
    // After the supervisor is gone, how long output may still be read (a very slow disk, a huge last burst).
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(10);
    private static final Duration SUPERVISOR_WATCH = Duration.ofMillis(50);

    private final Assignment assignment;
    private final RunListener listener;
    private final AttemptFolder folder;
    private final AtomicReference<StopRequest> stopRequest = new AtomicReference<>();
    private final AtomicBoolean exited = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Execution execution;
    private volatile Executor reaper;
    private volatile OutputParser parser;
    private volatile WorktreeManager.Lease lease;

    private record StopRequest(TaskStatus status, String reason) {
        String wire() {
            return status.wire() + "\t" + reason;
        }

        static Optional<StopRequest> parse(String text) {
            int tab = text.indexOf('\t');
            if (tab < 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(new StopRequest(TaskStatus.fromWire(text.substring(0, tab)),
                        text.substring(tab + 1).strip()));
            } catch (RuntimeException notAStatus) {
                return Optional.empty();
            }
        }
    }

    /** How a stop request that must never be reported starts. */
    public static final String ABANDONED = "abandoned";

    /** What became of a supervised attempt whose supervisor vanished without saying how the agent ended. */
    public static final String VANISHED = "its supervisor vanished without recording how the agent ended";

    private RunningAgent(Assignment assignment, RunListener listener, AttemptFolder folder) {
        this.assignment = assignment;
        this.listener = listener;
        this.folder = folder;
    }

    public Assignment assignment() {
        return assignment;
    }


    static RunningAgent refused(RunListener listener, String reason) {
        RunningAgent run = new RunningAgent(null, listener, null);
        run.finish(new RunResult(TaskStatus.FAILED, null, 0, ParsedResult.summaryOnly(reason), reason, null));
        return run;
    }

    /**
     * Follow an attempt whose supervisor {@code execution} has just started (or been submitted).
     *
     * @param lease the attempt's worktree, closed once the agent is gone; null when it runs in place
     */
    static RunningAgent follow(Executor executor, Execution execution, Assignment assignment, OutputParser parser, Redactor redactor,
                               Clock clock, WorktreeManager.Lease lease, AttemptFolder folder,
                               RunListener listener) {
        RunningAgent run = new RunningAgent(assignment, listener, folder);
        run.lease = lease;
        run.execution = execution;
        run.reaper = executor;
        run.parser = parser;
        listener.folder(folder);
        if (execution.pid() > 0) {
            listener.started(execution.pid(), execution.startedAt());
        }
        execution.watchPlacement(listener::placed);
        run.follow(redactor, clock, clock.instant(), AttemptFolder.Shipped.NOTHING);
        return run;
    }

    /**
     * Take up an attempt a previous run of this worker started: follow its output from the beginning (the parser
     * must see all of it) while passing on only the lines past {@code shipped}, and report its end as usual.
     *
     * @param execution the attempt's supervisor (or job) if there is still one to follow; null if it has ended
     */
    static RunningAgent reattach(Executor executor, Assignment assignment, OutputParser parser, Redactor redactor, Clock clock,
                                 WorktreeManager.Lease lease, AttemptFolder folder, Execution execution,
                                 Instant startedAt, AttemptFolder.Shipped shipped, RunListener listener) {
        RunningAgent run = new RunningAgent(assignment, listener, folder);
        run.lease = lease;
        run.parser = parser;
        run.execution = execution;
        run.reaper = executor;
        listener.folder(folder);
        folder.stopRequest().flatMap(StopRequest::parse).ifPresent(run.stopRequest::set);
        if (execution != null) {
            execution.watchPlacement(listener::placed);
        }
        run.follow(redactor, clock, startedAt, shipped);
        return run;
    }

    private void follow(Redactor redactor, Clock clock, Instant startedAt, AttemptFolder.Shipped shipped) {
        AtomicBoolean supervisorGone = new AtomicBoolean(execution == null);
        Thread stdout = pump(new SpoolTail(folder.stdout(), supervisorGone::get), OutputLine.STDOUT,
                shipped.stdoutLines(), redactor, clock);
        Thread stderr = pump(new SpoolTail(folder.stderr(), supervisorGone::get), OutputLine.STDERR,
                shipped.stderrLines(), redactor, clock);
        Thread.ofVirtual().name("dobby-run-" + assignment.taskId()).start(() -> {
            awaitSupervisor();
            supervisorGone.set(true);
            joinQuietly(stdout);
            joinQuietly(stderr);
            finishFromFolder(clock, startedAt);
        });
    }

    private Thread pump(InputStream in, String stream, long alreadyShipped, Redactor redactor, Clock clock) {
        OutputParser p = parser;
        return Thread.ofVirtual().name("dobby-pump-" + stream).start(() -> {
            long[] index = {0};
            try (in) {
                Redactor.Lines lines = redactor.lines();
                LineReader.readLines(in, LineReader.MAX_PARSED_LINE, text -> {
                    // Redact the whole line before anything sees it, so no secret survives a cut between pieces.
                    OutputLine line = new OutputLine(stream, clock.instant(), lines.redact(text));
                    p.accept(line);
                    for (String piece : LineReader.pieces(line.text())) {
                        // Lines the hub has from before a restart are read again for the parser, not sent again.
                        if (index[0]++ >= alreadyShipped) {
                            listener.output(new OutputLine(stream, line.at(), piece));
                        }
                    }
                });
            } catch (IOException unreadable) {
                // nothing more can be read; the attempt's end is still reported
            }
        });
    }

    private void awaitSupervisor() {
        Execution e = execution;
        if (e == null) {
            return;
        }
        try {
            // Stop once the exit record exists too, in case the supervisor (or its job) outlives it by a little.
            while (e.running() && folder.exit().isEmpty()) {
                Thread.sleep(SUPERVISOR_WATCH.toMillis());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void finishFromFolder(Clock clock, Instant startedAt) {
        Optional<ExitRecord> record = folder.exit();
        double seconds = Duration.between(startedAt, clock.instant()).toMillis() / 1000.0;
        if (record.isEmpty()) {
            // No record of the agent's end: a scheduler may know what happened (a cancelled or timed-out job);
            // otherwise the supervisor was killed, whatever it left goes, and the attempt is lost (the hub decides
            // what happens next).
            StopRequest asked = stopRequest.get();
            Optional<Execution.Ending> ending = execution == null ? Optional.empty()
                    : execution.endedWithoutRecord(asked != null);
            RunResult.Worktree worktree = lease == null ? null : lease.close().worktree();
            if (ending.isPresent()) {
                TaskStatus status = asked != null ? asked.status() : ending.get().status();
                String reason = asked != null ? asked.reason() : ending.get().reason();
                finish(new RunResult(status, asked != null ? null : ending.get().exitCode(), seconds,
                        parser.finish(-1), reason, worktree));
                return;
            }
            if (reaper != null) {
                reaper.reap(folder);
            }
            finish(new RunResult(null, null, seconds, ParsedResult.summaryOnly(VANISHED), VANISHED, worktree));
            return;
        }
        ExitRecord exit = record.get();
        int exitCode = exit.shellStatus();
        ParsedResult parsed = parser.finish(exitCode);
        RunResult.Worktree worktree = null;
        if (lease != null) {
            WorktreeManager.Outcome outcome = lease.close();
            worktree = outcome.worktree();
            parsed = parsed.withFilesChanged(outcome.filesChanged());
        }
        StopRequest stop = stopRequest.get();
        if (stop == null && exit.stoppedBy("timeout")) {
            stop = new StopRequest(TaskStatus.TIMED_OUT,
                    "stopped after the timeout of " + assignment.timeoutSeconds() + " s");
        } else if (stop == null && exit.stoppedBy("lease")) {
            stop = new StopRequest(TaskStatus.CANCELLED, "stopped by its supervisor: the hub's lease ran out");
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
     * End the run early, reporting {@code status} (cancelled, timed_out, stale): the supervisor sends SIGTERM to
     * the agent's process group, then SIGKILL after the grace period. Safe to call more than once; the first
     * reason wins.
     */
    public void stop(TaskStatus status, String reason) {
        StopRequest request = new StopRequest(status, reason);
        if (!stopRequest.compareAndSet(null, request) || folder == null || exited.get()) {
            return;
        }
        folder.requestStop(request.wire());
        Execution e = execution;
        if (e != null) {
            e.stopRequested();
        }
    }

    /**
     * End the run early because this worker is going away (or the hub no longer wants it): nothing will be
     * reported, and a restarted worker will not take the attempt up again.
     */
    public void abandon(String reason) {
        if (folder != null && !exited.get()) {
            folder.requestStop(ABANDONED + "\t" + reason);
            Execution e = execution;
            if (e != null) {
                e.stopRequested();
            }
        }
        stopRequest.compareAndSet(null, new StopRequest(TaskStatus.CANCELLED, reason));
    }

    /** The hub renewed the attempt's lease: the supervisor may let the agent run for {@code valid} more. */
    public void renewLease(Duration valid) {
        if (folder != null && !exited.get()) {
            folder.renewLease(valid);
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

    /** The supervisor's pid on this machine, or -1 if it never started or runs elsewhere. */
    public long pid() {
        Execution e = execution;
        return e == null ? -1 : e.pid();
    }

}
