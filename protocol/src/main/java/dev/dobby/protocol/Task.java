package dev.dobby.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.dobby.protocol.work.Placement;
import java.time.Instant;
import java.util.List;

/**
 * A task as the hub reports it.
 *
 * @param timeout   seconds the task may run before it is stopped as {@code timed_out}
 * @param attempts  how many times a worker has claimed it
 * @param worker    the worker running it now, or the last one that did
 * @param agent     how the agent is run (model, permissions, ...)
 * @param plan      for a draft made with agent_plan: the plan the agent wrote, for review (null until it is done)
 * @param planFor   for the run that writes such a plan: the draft it is for
 * @param scheduleId   the schedule that queued this run, if any
 * @param scheduledFor the firing time of that schedule this run belongs to
 * @param catchUp      this run stands in for firings missed while the hub was down (one run however many were
 *                     missed)
 * @param notBefore    no worker claims the task before this time (an automatic retry's backoff)
 * @param gpus         how many GPUs of its worker the task gets for itself (0: none)
 * @param gpuModel     only GPUs whose name contains this; null for any
 * @param gpuMemoryMb  only GPUs with this many MiB free; null for any
 * @param placement    while it runs on a spoke that submits attempts to a batch scheduler: where the scheduler put
 *                     the running attempt (Slurm job id, state, node, partition); null otherwise
 */
public record Task(
        long id,
        String description,
        String project,
        Backend backend,
        Priority priority,
        TaskStatus status,
        String statusReason,
        int timeout,
        List<Long> dependsOn,
        Long batchId,
        String targetSpoke,
        List<String> targetTags,
        boolean worktree,
        AgentOptions agent,
        int attempts,
        String worker,
        Integer exitCode,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant finishedAt,
        String plan,
        Long planFor,
        Long scheduleId,
        Instant scheduledFor,
        boolean catchUp,
        Instant notBefore,
        int gpus,
        String gpuModel,
        Long gpuMemoryMb,
        Placement placement) {

    public Task {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        targetTags = targetTags == null ? List.of() : List.copyOf(targetTags);
        agent = agent == null ? AgentOptions.NONE : agent;
    }

    /** A task not placed by a batch scheduler. */
    public Task(long id, String description, String project, Backend backend, Priority priority, TaskStatus status,
                String statusReason, int timeout, List<Long> dependsOn, Long batchId, String targetSpoke,
                List<String> targetTags, boolean worktree, AgentOptions agent, int attempts, String worker,
                Integer exitCode, Instant createdAt, Instant updatedAt, Instant startedAt, Instant finishedAt,
                String plan, Long planFor, Long scheduleId, Instant scheduledFor, boolean catchUp, Instant notBefore,
                int gpus, String gpuModel, Long gpuMemoryMb) {
        this(id, description, project, backend, priority, status, statusReason, timeout, dependsOn, batchId,
                targetSpoke, targetTags, worktree, agent, attempts, worker, exitCode, createdAt, updatedAt, startedAt,
                finishedAt, plan, planFor, scheduleId, scheduledFor, catchUp, notBefore, gpus, gpuModel, gpuMemoryMb,
                null);
    }

    /** A task that needs no GPU. */
    public Task(long id, String description, String project, Backend backend, Priority priority, TaskStatus status,
                String statusReason, int timeout, List<Long> dependsOn, Long batchId, String targetSpoke,
                List<String> targetTags, boolean worktree, AgentOptions agent, int attempts, String worker,
                Integer exitCode, Instant createdAt, Instant updatedAt, Instant startedAt, Instant finishedAt,
                String plan, Long planFor, Long scheduleId, Instant scheduledFor, boolean catchUp, Instant notBefore) {
        this(id, description, project, backend, priority, status, statusReason, timeout, dependsOn, batchId,
                targetSpoke, targetTags, worktree, agent, attempts, worker, exitCode, createdAt, updatedAt, startedAt,
                finishedAt, plan, planFor, scheduleId, scheduledFor, catchUp, notBefore, 0, null, null);
    }

    /** What the task asks for in GPUs. */
    @JsonIgnore
    public GpuRequest gpuRequest() {
        return GpuRequest.of(gpus, gpuModel, gpuMemoryMb);
    }
}
