package dev.dobby.agent.worker;

import dev.dobby.agent.runner.AgentBackend;
import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.runner.ShellBackend;
import dev.dobby.agent.runner.claude.ClaudeBackend;
import dev.dobby.agent.runner.codex.CodexBackend;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a worker runs agents, whether it is the hub's local worker or a spoke: where the agent programs are, what
 * tokens cost, how long finished worktrees are kept.
 *
 * @param env               the environment agents are looked up in and inherit
 * @param claudeBin         the claude program (a path or a name on PATH); null for DOBBY_CLAUDE_BIN or PATH
 * @param codexBin          the codex program; null for DOBBY_CODEX_BIN or PATH
 * @param worktreeRetention how long a finished attempt's worktree stays (its branch always stays)
 */
public record WorkerSettings(Map<String, String> env, String claudeBin, String codexBin, PriceTable prices,
                             Duration worktreeRetention) {

    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    public static WorkerSettings fromEnvironment() {
        return new WorkerSettings(System.getenv(), null, null, PriceTable.EMPTY, DEFAULT_RETENTION);
    }

    public WorkerSettings {
        env = Map.copyOf(env);
        prices = prices == null ? PriceTable.EMPTY : prices;
        worktreeRetention = worktreeRetention == null ? DEFAULT_RETENTION : worktreeRetention;
    }

    /** The backends a worker offers: shell, Claude Code, Codex and Remote Control sessions, each found as configured. */
    public List<AgentBackend> backends() {
        Map<String, String> lookup = new HashMap<>(env);
        if (claudeBin != null && !claudeBin.isBlank()) {
            lookup.put(ClaudeBackend.BIN_VARIABLE, claudeBin);
        }
        if (codexBin != null && !codexBin.isBlank()) {
            lookup.put(CodexBackend.BIN_VARIABLE, codexBin);
        }
        return List.of(new ShellBackend(), new ClaudeBackend(lookup, prices), new CodexBackend(lookup, prices),
                new dev.dobby.agent.runner.session.RemoteControlBackend(lookup));
    }
}
