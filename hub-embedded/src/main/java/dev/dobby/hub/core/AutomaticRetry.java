package dev.dobby.hub.core;

import dev.dobby.hub.store.WriteTx;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The project's retry policy applied to an attempt that just ended badly: failed, timed out, or lost with its
 * worker. While the task has attempts left it goes back to the queue, not before its backoff has passed (a usage
 * limit's reset time, when the agent reported one, counts too); otherwise it ends as usual.
 *
 * <p>Without a policy a failed or timed-out attempt is final and a lost one is retried once, at once. Attempts
 * that ended on a usage limit never count: they wait for the limit instead (see {@link AttemptEnding}).
 */
final class AutomaticRetry {
    /** Attempts a task gets when its worker is lost, if its project sets no max_attempts. */
    static final int LOST_ATTEMPTS_BY_DEFAULT = 2;
    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    /** How the attempt ended, for the policy. */
    enum Ending { FAILED, TIMED_OUT, LOST }

    private AutomaticRetry() {
    }

    static Optional<Ending> of(TaskStatus status) {
        return switch (status) {
            case FAILED -> Optional.of(Ending.FAILED);
            case TIMED_OUT -> Optional.of(Ending.TIMED_OUT);
            default -> Optional.empty();
        };
    }

    /**
     * Queue {@code task} (still running in the store) again if its project's policy gives it another attempt; empty
     * if it has had all it gets. {@code why} says how the attempt ended.
     */
    static Optional<Task> requeue(WriteTx tx, Task task, Ending ending, String why, Instant resetsAt, Instant now) {
        return requeue(tx, task, task.attempts() - tx.rateLimitedAttempts(task.id()), ending, why, resetsAt, now);
    }

    /** As above, counting {@code attemptsMade} against the policy (attempts that never really ran need not count). */
    static Optional<Task> requeue(WriteTx tx, Task task, int attemptsMade, Ending ending, String why, Instant resetsAt,
                                  Instant now) {
        ProjectPolicy policy = tx.project(task.project()).map(p -> p.policy()).orElse(ProjectPolicy.DEFAULT);
        int allowed = maxAttempts(policy, ending);
        if (attemptsMade >= allowed) {
            return Optional.empty();
        }
        Instant notBefore = now.plus(backoff(policy, attemptsMade));
        if (resetsAt != null && resetsAt.isAfter(notBefore)) {
            notBefore = resetsAt;
        }
        boolean waits = notBefore.isAfter(now);
        String reason = why + "; " + (policy.maxAttempts() == null ? "queued again"
                : "retry " + (attemptsMade + 1) + " of " + allowed + (waits ? " at " + notBefore : ""));
        Task queued = Transitions.move(tx, task, TaskStatus.PENDING, reason, now);
        if (waits) {
            tx.setNotBefore(task.id(), notBefore);
            queued = tx.task(task.id()).orElseThrow();
        }
        return Optional.of(queued);
    }

    static int maxAttempts(ProjectPolicy policy, Ending ending) {
        if (policy.maxAttempts() != null) {
            return policy.maxAttempts();
        }
        return ending == Ending.LOST ? LOST_ATTEMPTS_BY_DEFAULT : 1;
    }

    /** The wait before the attempt after {@code attemptsMade}: the policy's backoff, doubled per earlier retry. */
    static Duration backoff(ProjectPolicy policy, int attemptsMade) {
        if (policy.retryBackoff() == null || policy.retryBackoff() <= 0) {
            return Duration.ZERO;
        }
        Duration base = Duration.ofSeconds(policy.retryBackoff());
        Duration cap = base.compareTo(MAX_BACKOFF) > 0 ? base : MAX_BACKOFF;
        Duration wait = base;
        for (int i = 1; i < attemptsMade && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(cap) > 0 ? cap : wait;
    }
}
