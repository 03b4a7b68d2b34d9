package dev.dobby.agent.worker;

import dev.dobby.agent.runner.ParsedResult;
import dev.dobby.agent.runner.RunListener;
import dev.dobby.agent.runner.RunResult;
import dev.dobby.agent.runner.RunningAgent;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.AttemptRef;
import dev.dobby.protocol.work.LogChunk;
import dev.dobby.protocol.work.Outcome;
import dev.dobby.protocol.work.OutputLine;
import dev.dobby.protocol.work.WorkApi;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports one attempt to the hub: its start, its output in numbered chunks, and its outcome. If the hub says
 * the attempt is no longer current (409), the agent is stopped and nothing more is sent for it.
 */
final class AttemptSession implements RunListener {
    private static final Logger log = LoggerFactory.getLogger(AttemptSession.class);

    private final WorkApi api;
    private final Assignment assignment;
    private final AttemptRef ref;
    private final Consumer<AttemptRef> onEnd;
    private final LogShipper shipper;
    private volatile RunningAgent agent;
    private volatile boolean abandoned;

    AttemptSession(WorkApi api, Assignment assignment, Clock clock, Consumer<AttemptRef> onEnd) {
        this.api = api;
        this.assignment = assignment;
        this.ref = assignment.attempt();
        this.onEnd = onEnd;
        this.shipper = new LogShipper(Long.toString(assignment.taskId()), this::send);
    }

    void attach(RunningAgent runningAgent) {
        this.agent = runningAgent;
        shipper.updatesFrom(runningAgent::drainUpdates);
        if (abandoned) {
            runningAgent.stop(TaskStatus.CANCELLED, "the attempt is no longer current");
        }
    }

    /** The hub no longer wants to hear about this attempt. */
    void abandon() {
        abandoned = true;
    }

    @Override
    public void started(long pid, Instant processStart) {
        call(() -> api.started(ref, pid, processStart));
    }

    @Override
    public void output(OutputLine line) {
        shipper.add(line);
    }

    /** True when the hub took the chunk, or will never take anything for this attempt again. */
    private boolean send(LogChunk chunk) {
        if (abandoned) {
            return true;
        }
        try {
            api.appendLog(ref, chunk);
            return true;
        } catch (ApiException e) {
            if (e.status() == 409 || e.status() == 404) {
                stopBecause(e);
                return true;
            }
            log.warn("task {} {}: the hub refused {} log lines: {}", assignment.taskId(), ref, chunk.lines().size(),
                    e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.warn("task {} {}: could not reach the hub: {}", assignment.taskId(), ref, e.getMessage());
            return false;
        }
    }

    private void stopBecause(ApiException e) {
        abandoned = true;
        RunningAgent current = agent;
        if (current != null) {
            current.stop(TaskStatus.CANCELLED, "the hub no longer expects this attempt");
        }
        log.info("task {} {}: {}", assignment.taskId(), ref, e.getMessage());
    }

    @Override
    public void exited(RunResult result) {
        long chunks = shipper.close();
        try {
            ParsedResult parsed = result.parsed();
            RunResult.Worktree worktree = result.worktree();
            Outcome outcome = new Outcome(result.status(), result.exitCode(), result.durationSeconds(),
                    parsed.summary(), parsed.filesChanged(), parsed.tokensIn(), parsed.tokensOut(), parsed.costUsd(),
                    parsed.turns(), parsed.sessionId(),
                    worktree == null ? null : worktree.branch(),
                    worktree == null ? null : worktree.baseCommit(),
                    worktree == null ? null : worktree.diffStat(),
                    parsed.rateLimited(), parsed.rateLimitedUntil(), parsed.incomplete(), result.reason(), chunks);
            call(() -> api.finish(ref, outcome));
        } finally {
            onEnd.accept(ref);
        }
    }

    private void call(Runnable request) {
        if (abandoned) {
            return;
        }
        try {
            request.run();
        } catch (ApiException e) {
            if (e.status() == 409 || e.status() == 404) {
                stopBecause(e);
            } else {
                log.warn("task {} {}: the hub refused a report: {}", assignment.taskId(), ref, e.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("task {} {}: could not reach the hub: {}", assignment.taskId(), ref, e.getMessage());
        }
    }
}
