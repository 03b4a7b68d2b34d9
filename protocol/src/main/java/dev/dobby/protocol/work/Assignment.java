package dev.dobby.protocol.work;

import dev.dobby.protocol.AgentOptions;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.GpuRequest;

/**
 * A task handed to a worker for one attempt.
 *
 * @param workdir        the project's directory on that worker
 * @param timeoutSeconds stop the agent after this long and report {@code timed_out}
 * @param context        the project's context text, for agents that take a system prompt
 * @param resumesAttempt the earlier attempt whose agent session this one continues ({@code agent.resumeSession}
 *                       names the session), so the worker gives it that attempt's worktree again; null for a
 *                       fresh start
 * @param gpus           how many GPUs the worker must reserve for this attempt (0: none)
 * @param gpuModel       only GPUs whose name contains this; null for any
 * @param gpuMemoryMb    only GPUs with this many MiB free; null for any
 * @param gpuIndices     the GPUs (nvidia-smi indices) the hub reserved for this attempt; the agent sees only these
 *                       ({@code CUDA_VISIBLE_DEVICES})
 */
public record Assignment(
        AttemptRef attempt,
        long taskId,
        int attemptNumber,
        String description,
        Backend backend,
        String project,
        String workdir,
        int timeoutSeconds,
        boolean worktree,
        String context,
        AgentOptions agent,
        Integer resumesAttempt,
        int gpus,
        String gpuModel,
        Long gpuMemoryMb,
        java.util.List<Integer> gpuIndices) {

    public Assignment {
        gpuIndices = gpuIndices == null ? java.util.List.of() : java.util.List.copyOf(gpuIndices);
    }

    public Assignment(AttemptRef attempt, long taskId, int attemptNumber, String description, Backend backend,
                      String project, String workdir, int timeoutSeconds, boolean worktree, String context,
                      AgentOptions agent, Integer resumesAttempt, int gpus, String gpuModel, Long gpuMemoryMb) {
        this(attempt, taskId, attemptNumber, description, backend, project, workdir, timeoutSeconds, worktree,
                context, agent, resumesAttempt, gpus, gpuModel, gpuMemoryMb, null);
    }

    /** The same assignment with these GPUs reserved for it. */
    public Assignment withGpuIndices(java.util.List<Integer> indices) {
        return new Assignment(attempt, taskId, attemptNumber, description, backend, project, workdir, timeoutSeconds,
                worktree, context, agent, resumesAttempt, gpus, gpuModel, gpuMemoryMb, indices);
    }

    /** An attempt that needs no GPU. */
    public Assignment(AttemptRef attempt, long taskId, int attemptNumber, String description, Backend backend,
                      String project, String workdir, int timeoutSeconds, boolean worktree, String context,
                      AgentOptions agent, Integer resumesAttempt) {
        this(attempt, taskId, attemptNumber, description, backend, project, workdir, timeoutSeconds, worktree,
                context, agent, resumesAttempt, 0, null, null, null);
    }

    /** What the attempt needs in GPUs. */
    @JsonIgnore
    public GpuRequest gpuRequest() {
        return GpuRequest.of(gpus, gpuModel, gpuMemoryMb);
    }
}
