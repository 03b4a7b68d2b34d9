package dev.dobby.cli.commands;

import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Durations;
import dev.dobby.protocol.MemorySize;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Priority;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How a task is described on the command line; shared by add and plan. */
public final class TaskOptions {
    @Option(names = {"-p", "--project"}, required = true, paramLabel = "NAME", description = "The project to run in.")
    String project;

    @Option(names = "--priority", paramLabel = "PRIORITY", description = "urgent, high, normal (default) or low.")
    Priority priority;

    @Option(names = "--backend", paramLabel = "BACKEND", description = "claude (default), codex or shell.")
    Backend backend;

    @Option(names = "--after", paramLabel = "TASK_ID", split = ",", arity = "1..*",
            description = "Wait until these tasks have completed.")
    List<Long> after = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Stop it after this long (30m, 2h, 1d).")
    String timeout;

    @Option(names = "--worktree", description = "Run in a git worktree of its own, on branch dobby/<task-id>.")
    boolean worktree;

    @Option(names = "--on", paramLabel = "SPOKE", description = "Run only on this worker.")
    String on;

    @Option(names = "--tag", paramLabel = "TAG", description = "Run only on workers with this tag (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--model", paramLabel = "MODEL", description = "The model the agent uses.")
    String model;

    @Option(names = "--permission-mode", paramLabel = "MODE",
            description = "Claude Code's permission mode: default, acceptEdits, plan, bypassPermissions.")
    String permissionMode;

    @Option(names = "--skip-permissions",
            description = "Let the agent act without asking (Claude Code --dangerously-skip-permissions). Use only on machines you can afford to lose.")
    boolean skipPermissions;

    @Option(names = "--max-turns", paramLabel = "N", description = "Stop Claude Code after N turns.")
    Integer maxTurns;

    @Option(names = "--max-cost", paramLabel = "USD",
            description = "Stop the agent once it has spent this many US dollars (like 2.50); the task then fails with a budget reason.")
    Double maxCost;

    @Option(names = "--gpus", paramLabel = "N", description = "Run on a worker with N free GPUs, reserved for this task.")
    Integer gpus;

    @Option(names = "--gpu-memory", paramLabel = "SIZE",
            description = "Only GPUs with this much memory free (like 40G); needs --gpus.")
    String gpuMemory;

    @Option(names = "--gpu-model", paramLabel = "TEXT",
            description = "Only GPUs whose name contains this (like H100); needs --gpus.")
    String gpuModel;

    NewTask toRequest(String description, boolean draft, boolean agentPlan) {
        Integer seconds = timeout == null ? null : (int) Durations.parse(timeout).toSeconds();
        AgentOptions agent = new AgentOptions(model, permissionMode, skipPermissions ? Boolean.TRUE : null, null, null,
                maxTurns, null, null, null, null, agentPlan ? Boolean.TRUE : null);
        return new NewTask(description, project, priority, backend, seconds, after, on, tags,
                worktree ? Boolean.TRUE : null, draft ? Boolean.TRUE : null,
                agent.equals(AgentOptions.NONE) ? null : agent).withMaxCostUsd(maxCost)
                .withGpus(gpus, gpuModel, gpuMemory == null ? null : MemorySize.parseMib(gpuMemory));
    }
}
