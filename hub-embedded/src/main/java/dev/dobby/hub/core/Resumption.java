package dev.dobby.hub.core;

import dev.dobby.hub.store.AttemptRecord;
import dev.dobby.hub.store.ReadTx;
import dev.dobby.hub.store.WriteTx;
import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.work.AgentProgress;
import dev.dobby.protocol.work.Assignment;
import java.util.Optional;

/**
 * A task's next attempt continuing the agent session of an earlier one instead of starting over: after its worker
 * was lost, after a usage limit, after a timeout when the project's policy says so ({@code resume_on_timeout}), or
 * when someone asks ({@code dobby resume}). The plan is kept on the task until
 * the next claim. Only the worker that ran the session has its files (and the attempt's worktree), so only it
 * resumes; any other worker starts afresh, and the task's reason says so.
 *
 * <p>Fencing is unchanged: a resumed attempt is a new attempt with a new token, so anything the interrupted one
 * might still report is refused.
 */
final class Resumption {
    static final String AFTER_INTERRUPTION = "You were interrupted before you finished. Continue the task from where "
            + "you stopped.";
    static final String AFTER_LIMIT = "Your usage limit has reset. Continue the task from where you stopped.";
    static final String AFTER_TIMEOUT = "You ran out of time before you finished. Continue the task from where you "
            + "stopped, and finish it.";

    /** What the next attempt continues: a session of {@code worker}, from attempt {@code attempt}. */
    record Plan(String session, String worker, int attempt, String prompt) {
    }

    private Resumption() {
    }

    /** Resume {@code attempt}'s session in the task's next attempt, if the agent reported one. */
    static Optional<Plan> plan(WriteTx tx, Task task, AttemptRecord attempt, String prompt) {
        if (task.backend() != Backend.CLAUDE && task.backend() != Backend.CODEX) {
            return Optional.empty();
        }
        return sessionOf(tx, attempt).map(session -> {
            Plan plan = new Plan(session, attempt.worker(), attempt.number(), prompt);
            tx.setResume(task.id(), Json.write(plan));
            return plan;
        });
    }

    /** The session an attempt's agent reported: in its result, or (for one that never reported an end) as it ran. */
    static Optional<String> sessionOf(ReadTx tx, AttemptRecord attempt) {
        Optional<String> fromResult = tx.result(attempt.taskId())
                .filter(r -> r.attempt() == attempt.number())
                .map(TaskResult::sessionId);
        if (fromResult.isPresent()) {
            return fromResult;
        }
        if (attempt.progress() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(Json.read(attempt.progress(), AgentProgress.class).sessionId());
    }

    /** What a claim by {@code workerId} runs: the fresh assignment, or one that continues the planned session. */
    static Claim apply(WriteTx tx, Task task, String workerId, Assignment fresh) {
        Optional<Plan> planned = tx.resume(task.id()).map(json -> Json.read(json, Plan.class));
        if (planned.isEmpty()) {
            return new Claim(fresh, null);
        }
        tx.setResume(task.id(), null);
        Plan plan = planned.get();
        if (!plan.worker().equals(workerId)) {
            return new Claim(fresh, "starting afresh on " + workerId + ": the session of attempt " + plan.attempt()
                    + " (" + plan.session() + ") can only be resumed on " + plan.worker());
        }
        AgentOptions options = fresh.agent() == null ? AgentOptions.NONE : fresh.agent();
        Assignment resumed = new Assignment(fresh.attempt(), fresh.taskId(), fresh.attemptNumber(), plan.prompt(),
                fresh.backend(), fresh.project(), fresh.workdir(), fresh.timeoutSeconds(), fresh.worktree(),
                fresh.context(), options.withResumeSession(plan.session()), plan.attempt(),
                fresh.gpus(), fresh.gpuModel(), fresh.gpuMemoryMb(), fresh.gpuIndices());
        return new Claim(resumed, dev.dobby.protocol.UsageLimitNotice.RESUMING_PREFIX + plan.session()
                + " of attempt " + plan.attempt());
    }

    /** An assignment and, when it differs from a plain start, what the task's timeline should say about it. */
    record Claim(Assignment assignment, String note) {
    }
}
