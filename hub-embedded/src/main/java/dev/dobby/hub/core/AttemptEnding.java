package dev.dobby.hub.core;

import dev.dobby.hub.store.AttemptRecord;
import dev.dobby.hub.store.TaskFields;
import dev.dobby.hub.store.WriteTx;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.UsageWindow;
import dev.dobby.protocol.event.TaskFinished;
import dev.dobby.protocol.work.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Ends a running task and its current attempt in one transaction, for every way a run can end: the worker's
 * report, a cancel, a hub-side timeout, a lost worker. It records the result, moves the task, and releases or
 * annotates the tasks that depend on it.
 */
final class AttemptEnding {
    /** Assignments that never reached a worker are re-queued while the task has had fewer attempts than this. */
    static final int MAX_UNCONFIRMED_ATTEMPTS = 10;

    private final ArtifactStore artifacts;

    AttemptEnding(ArtifactStore artifacts) {
        this.artifacts = artifacts;
    }

    /** The hub ends the attempt itself (cancel, timeout): the result says why. */
    Task endByHub(WriteTx tx, Task task, AttemptRecord attempt, TaskStatus status, String reason, Instant now) {
        tx.endAttempt(attempt.id(), AttemptRecord.State.STOPPED, null, now);
        return finish(tx, task, attempt, status, reason, hubResult(task, attempt, status, reason, now), now);
    }

    /**
     * The worker stopped answering: queue the task again while its retry policy allows (once by default), then fail
     * it. Only attempts their worker confirmed count: one never confirmed did not run (the assignment was lost on
     * the way), so it goes back to the queue without using up a retry.
     */
    Task endAsLost(WriteTx tx, Task task, AttemptRecord attempt, String reason, Instant now) {
        tx.endAttempt(attempt.id(), AttemptRecord.State.LOST, null, now);
        if (attempt.acceptedAt() == null && task.attempts() < MAX_UNCONFIRMED_ATTEMPTS) {
            return Transitions.move(tx, task, TaskStatus.PENDING, "worker " + attempt.worker()
                    + " never confirmed the assignment; queued again", now);
        }
        Optional<Task> again = AutomaticRetry.requeue(tx, task,
                tx.confirmedAttempts(task.id()) - tx.rateLimitedAttempts(task.id()), AutomaticRetry.Ending.LOST, reason,
                null, now);
        if (again.isPresent()) {
            Resumption.plan(tx, task, attempt, Resumption.AFTER_INTERRUPTION);
            return again.get();
        }
        TaskResult result = hubResult(task, attempt, TaskStatus.FAILED, reason, now);
        return finish(tx, task, attempt, TaskStatus.FAILED,
                reason + " (attempt " + attempt.number() + ", not retried again)",
                result, now);
    }

    /** The worker reported the end. */
    Task endByWorker(WriteTx tx, Task task, AttemptRecord attempt, TaskResult result, String outcomeJson,
                     String reason, Instant now) {
        tx.endAttempt(attempt.id(), AttemptRecord.State.FINISHED, outcomeJson, now);
        tx.recordExit(task.id(), result.exitCode());
        if (result.rateLimited() && result.status() == TaskStatus.FAILED) {
            return waitForLimit(tx, task, attempt, result, now);
        }
        if (result.status() == TaskStatus.FAILED && reason != null && reason.startsWith(Outcome.RESUME_REFUSED)) {
            // The agent no longer has the session (its files are gone): start over, without using up a retry.
            tx.insertResult(result);
            return Transitions.move(tx, task, TaskStatus.PENDING, "could not resume the agent's session ("
                    + reason + "); starting afresh", now);
        }
        return finish(tx, task, attempt, result.status(), reason, result, now);
    }

    /**
     * The agent stopped on its account's usage limit: not a failure of the task. It goes back to the queue without
     * using up a retry; the account's worker gets no work of that backend until the reset (other accounts may take
     * the task meanwhile), and when the task runs there again it resumes the same session.
     */
    private Task waitForLimit(WriteTx tx, Task task, AttemptRecord attempt, TaskResult result, Instant now) {
        tx.insertResult(result);
        String account = UsageLimits.account(attempt.worker(), task.backend());
        Instant resets = result.rateLimitedUntil() != null && result.rateLimitedUntil().isAfter(now)
                ? result.rateLimitedUntil() : now.plus(UsageLimits.UNKNOWN_RESET);
        boolean reported = tx.usage().stream().anyMatch(w -> w.account().equals(account)
                && UsageLimits.REJECTED.equals(w.status()) && w.resetsAt() != null && !w.resetsAt().isBefore(resets));
        if (!reported) {
            // An API error's 429 without a rate-limit event: the account is out all the same.
            tx.upsertUsage(List.of(new UsageWindow(account, task.backend(), "limit", null, UsageLimits.REJECTED,
                    resets, now)));
        }
        Backend fallback = tx.project(task.project()).map(p -> p.policy().fallbackBackend()).orElse(null);
        if (fallback != null && fallback != task.backend()) {
            // The project would rather switch agents than wait: a fresh start with the other backend.
            tx.updateTask(task.id(), new TaskFields(null, null, fallback, null), now);
            return Transitions.move(tx, task, TaskStatus.PENDING, "usage limit of " + account + " reached; running "
                    + "with " + fallback.wire() + " instead (the project's fallback_backend)", now);
        }
        Resumption.plan(tx, task, attempt, Resumption.AFTER_LIMIT);
        return Transitions.move(tx, task, TaskStatus.PENDING, UsageLimits.waiting(account,
                resets.plus(UsageLimits.AFTER_RESET), ZoneId.systemDefault()), now);
    }

    private Task finish(WriteTx tx, Task task, AttemptRecord attempt, TaskStatus status, String reason,
                        TaskResult result, Instant now) {
        tx.insertResult(result);
        Optional<AutomaticRetry.Ending> retryable = AutomaticRetry.of(status);
        // A budget stop is final: another attempt would only spend more.
        if (retryable.isPresent() && !isBudgetStop(reason)) {
            String why = "attempt " + result.attempt() + " " + status.wire() + (reason == null ? "" : ": " + reason);
            Optional<Task> again = AutomaticRetry.requeue(tx, task, retryable.get(), why, result.rateLimitedUntil(), now);
            if (again.isPresent()) {
                if (status == TaskStatus.TIMED_OUT && tx.project(task.project())
                        .map(p -> p.policy().resumesOnTimeout()).orElse(false)) {
                    Resumption.plan(tx, task, attempt, Resumption.AFTER_TIMEOUT);
                }
                return again.get();
            }
        }
        Task ended = Transitions.move(tx, task, status, reason, now);
        tx.record(new TaskFinished(0, now, task.project(), result));
        Dependencies.parentEnded(tx, ended, now);
        if (ended.planFor() != null) {
            Planning.ended(tx, ended, result, now);
        }
        return ended;
    }

    /** Whether an attempt was ended for its cost: its task's cap ("budget: ...") or a reached budget. */
    static boolean isBudgetStop(String reason) {
        return reason != null && (reason.startsWith("budget: ") || reason.startsWith("budget of ")
                || reason.startsWith("hub-wide budget reached"));
    }

    /** A result for an attempt the hub ended without the worker's report: only what the hub knows. */
    private TaskResult hubResult(Task task, AttemptRecord attempt, TaskStatus status, String reason, Instant now) {
        // What the agent had used by its last progress report still counts (against budgets too).
        dev.dobby.protocol.work.AgentProgress progress = progress(attempt);
        return new TaskResult(task.id(), attempt.number(), status, reason, null, seconds(attempt.startedAt(), now),
                artifacts.dirFor(task.id()).toString(), List.of(),
                progress == null ? null : progress.tokensIn(), progress == null ? null : progress.tokensOut(),
                progress == null ? null : progress.costUsd(), null,
                progress == null ? null : progress.sessionId(), null, null, null,
                false, null, true, now);
    }

    static dev.dobby.protocol.work.AgentProgress progress(AttemptRecord attempt) {
        if (attempt.progress() == null) {
            return null;
        }
        try {
            return dev.dobby.protocol.Json.read(attempt.progress(), dev.dobby.protocol.work.AgentProgress.class);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static double seconds(Instant from, Instant to) {
        return from == null ? 0 : Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }
}
