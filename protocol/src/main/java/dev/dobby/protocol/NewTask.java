package dev.dobby.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * A request to queue a task (POST /tasks). Only {@code description} and {@code project} are required; the
 * project's policy fills in what is left out.
 *
 * @param timeout seconds; null means the project's or the hub's default
 * @param draft   true creates a draft that runs only once approved
 * @param agent   how to run the agent (model, permissions, ...); null for its defaults
 * @param cron    a Unix cron expression (5 fields, or @hourly, @daily, @weekly, @monthly) in the hub's time zone:
 *                the request creates a schedule that queues this task at each matching time
 * @param every   an interval such as 30m or 2h: the request creates a schedule that queues this task once per
 *                interval, the first time one interval after it is created
 * @param maxCostUsd stop the agent once it has spent this many US dollars (the same as {@code agent.max_cost_usd})
 * @param gpus        how many GPUs of one worker the task needs for itself (null or 0: none)
 * @param gpuModel    only GPUs whose name contains this (case-insensitive); null for any
 * @param gpuMemoryMb only GPUs with at least this many MiB free; null for any
 */
public record NewTask(
        String description,
        String project,
        Priority priority,
        Backend backend,
        Integer timeout,
        List<Long> dependsOn,
        String targetSpoke,
        List<String> targetTags,
        Boolean worktree,
        Boolean draft,
        AgentOptions agent,
        String cron,
        String every,
        Double maxCostUsd,
        Integer gpus,
        String gpuModel,
        Long gpuMemoryMb) {

    /** A task that needs no GPU. */
    public NewTask(String description, String project, Priority priority, Backend backend, Integer timeout,
                   List<Long> dependsOn, String targetSpoke, List<String> targetTags, Boolean worktree, Boolean draft,
                   AgentOptions agent, String cron, String every, Double maxCostUsd) {
        this(description, project, priority, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, draft,
                agent, cron, every, maxCostUsd, null, null, null);
    }

    /** A task without a top-level cost cap. */
    public NewTask(String description, String project, Priority priority, Backend backend, Integer timeout,
                   List<Long> dependsOn, String targetSpoke, List<String> targetTags, Boolean worktree, Boolean draft,
                   AgentOptions agent, String cron, String every) {
        this(description, project, priority, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, draft,
                agent, cron, every, null);
    }

    /** A one-off task (no schedule). */
    public NewTask(String description, String project, Priority priority, Backend backend, Integer timeout,
                   List<Long> dependsOn, String targetSpoke, List<String> targetTags, Boolean worktree, Boolean draft,
                   AgentOptions agent) {
        this(description, project, priority, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, draft,
                agent, null, null);
    }

    public static NewTask of(String description, String project) {
        return new NewTask(description, project, null, null, null, null, null, null, null, null, null);
    }

    /** Whether this request makes a schedule rather than a single task. */
    @JsonIgnore
    public boolean isSchedule() {
        return cron != null || every != null;
    }

    public NewTask withCron(String value) {
        return new NewTask(description, project, priority, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, draft, agent, value, every, maxCostUsd, gpus, gpuModel, gpuMemoryMb);
    }

    public NewTask withEvery(String value) {
        return new NewTask(description, project, priority, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, draft, agent, cron, value, maxCostUsd, gpus, gpuModel, gpuMemoryMb);
    }

    /** The same task without its schedule: what each run of a schedule queues. */
    public NewTask withoutSchedule() {
        return new NewTask(description, project, priority, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, draft, agent, null, null, maxCostUsd, gpus, gpuModel, gpuMemoryMb);
    }

    public NewTask withBackend(Backend value) {
        return new NewTask(description, project, priority, value, timeout, dependsOn, targetSpoke, targetTags, worktree, draft, agent, cron, every, maxCostUsd, gpus, gpuModel, gpuMemoryMb);
    }

    public NewTask withPriority(Priority value) {
        return new NewTask(description, project, value, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, draft, agent, cron, every, maxCostUsd, gpus, gpuModel, gpuMemoryMb);
    }

    public NewTask withTimeout(Integer seconds) {
        return new NewTask(description, project, priority, backend, seconds, dependsOn, targetSpoke, targetTags, worktree, draft, agent, cron, every, maxCostUsd, gpus, gpuModel, gpuMemoryMb);
    }

    public NewTask withDependsOn(List<Long> parents) {
        return new NewTask(description, project, priority, backend, timeout, parents, targetSpoke, targetTags, worktree, draft, agent, cron, every, maxCostUsd, gpus, gpuModel, gpuMemoryMb);
    }

    public NewTask withDraft(boolean value) {
        return new NewTask(description, project, priority, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, value, agent, cron, every, maxCostUsd, gpus, gpuModel, gpuMemoryMb);
    }

    public NewTask withTarget(String spoke, List<String> tags) {
        return new NewTask(description, project, priority, backend, timeout, dependsOn, spoke, tags, worktree, draft, agent, cron, every, maxCostUsd, gpus, gpuModel, gpuMemoryMb);
    }

    public NewTask withWorktree(boolean value) {
        return new NewTask(description, project, priority, backend, timeout, dependsOn, targetSpoke, targetTags, value, draft, agent, cron, every, maxCostUsd, gpus, gpuModel, gpuMemoryMb);
    }

    public NewTask withAgent(AgentOptions value) {
        return new NewTask(description, project, priority, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, draft, value, cron, every, maxCostUsd, gpus, gpuModel, gpuMemoryMb);
    }

    public NewTask withMaxCostUsd(Double value) {
        return new NewTask(description, project, priority, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, draft, agent, cron, every, value, gpus, gpuModel, gpuMemoryMb);
    }

    public NewTask withGpus(Integer count, String model, Long memoryMb) {
        return new NewTask(description, project, priority, backend, timeout, dependsOn, targetSpoke, targetTags, worktree, draft, agent, cron, every, maxCostUsd, count, model, memoryMb);
    }

    /** What the task asks for in GPUs. */
    @JsonIgnore
    public GpuRequest gpuRequest() {
        return GpuRequest.of(gpus, gpuModel, gpuMemoryMb);
    }
}
