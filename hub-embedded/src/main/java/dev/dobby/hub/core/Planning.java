package dev.dobby.hub.core;

import dev.dobby.hub.store.TaskInsert;
import dev.dobby.hub.store.WriteTx;
import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.TaskCreated;
import dev.dobby.protocol.event.TaskUpdated;
import java.time.Instant;
import java.util.List;

/**
 * Plan-then-execute. A draft created with {@code agent_plan} gets a companion run of the same agent in a mode
 * that cannot change anything (Claude Code's plan permission mode, Codex's read-only sandbox). Its final words
 * become the draft's {@code plan}; approving the draft queues it with that plan in its instructions.
 */
final class Planning {
    private Planning() {
    }

    /** Check a request for a plan before anything is stored. */
    static void check(Backend backend) {
        if (backend != Backend.CLAUDE && backend != Backend.CODEX) {
            throw ApiException.badRequest("agent_plan needs the claude or codex backend, not " + backend.wire());
        }
    }

    /** Queue the run that writes the draft's plan. */
    static void start(WriteTx tx, Task draft, Instant now) {
        AgentOptions agent = draft.agent();
        AgentOptions readOnly = draft.backend() == Backend.CLAUDE
                ? new AgentOptions(agent.model(), "plan", null, agent.allowedTools(), agent.disallowedTools(),
                agent.maxTurns(), agent.appendSystemPrompt(), agent.mcpConfig(), null, null, null, agent.maxCostUsd())
                : new AgentOptions(agent.model(), null, null, List.of(), List.of(), null, agent.appendSystemPrompt(),
                null, null, "read-only", null, agent.maxCostUsd());
        String prompt = "Write a step-by-step plan for the task below, for a person to review before it is carried "
                + "out. Do not change any files.\n\nTask (#" + draft.id() + "):\n" + draft.description();
        long id = tx.insertTask(new TaskInsert(prompt, draft.project(), draft.backend(), draft.priority(),
                TaskStatus.PENDING, null, draft.timeout(), null, draft.targetSpoke(), draft.targetTags(), false,
                readOnly, draft.id(), now));
        tx.record(new TaskCreated(0, now, tx.task(id).orElseThrow()));
        tx.updateStatusReason(draft.id(), "draft: the agent is writing a plan (task #" + id + ")", now);
        tx.record(new TaskUpdated(0, now, tx.task(draft.id()).orElseThrow()));
    }

    /** A planning run ended: its summary is the draft's plan (or why there is none). */
    static void ended(WriteTx tx, Task run, TaskResult result, Instant now) {
        Task draft = tx.task(run.planFor()).orElse(null);
        if (draft == null || draft.status() != TaskStatus.DRAFT) {
            return;
        }
        boolean ok = result.status() == TaskStatus.COMPLETED && result.summary() != null && !result.summary().isBlank();
        tx.setPlan(draft.id(), ok ? result.summary() : null, now);
        tx.updateStatusReason(draft.id(), ok ? "draft: review the plan, then approve it"
                : "draft: the planning run #" + run.id() + " ended " + result.status().wire()
                        + " without a plan; approve it as it is, or retry #" + run.id(), now);
        tx.record(new TaskUpdated(0, now, tx.task(draft.id()).orElseThrow()));
    }

    /** The options a draft runs with once approved: its plan added to the agent's instructions. */
    static AgentOptions withPlan(Task draft) {
        AgentOptions a = draft.agent();
        String extra = (a.appendSystemPrompt() == null ? "" : a.appendSystemPrompt() + "\n\n")
                + "A person reviewed and approved this plan for the task; carry it out:\n" + draft.plan();
        return new AgentOptions(a.model(), a.permissionMode(), a.skipPermissions(), a.allowedTools(),
                a.disallowedTools(), a.maxTurns(), extra, a.mcpConfig(), a.resumeSession(), a.sandbox(), null,
                a.maxCostUsd());
    }
}
