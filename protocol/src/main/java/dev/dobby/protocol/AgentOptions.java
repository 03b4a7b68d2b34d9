package dev.dobby.protocol;

import java.util.List;

/**
 * How to run a Claude Code or Codex agent for one task. Every field is optional; what is left null is the
 * agent's own default.
 *
 * @param model              the model name passed to the agent
 * @param permissionMode     Claude Code's --permission-mode (default, acceptEdits, plan, bypassPermissions)
 * @param skipPermissions    run without asking for any permission (Claude Code --dangerously-skip-permissions,
 *                           Codex --dangerously-bypass-approvals-and-sandbox); only when the user asks for it
 * @param allowedTools       Claude Code --allowedTools
 * @param disallowedTools    Claude Code --disallowedTools
 * @param maxTurns           Claude Code --max-turns
 * @param appendSystemPrompt more system prompt, added after the project's context
 * @param mcpConfig          Claude Code --mcp-config (a path or JSON)
 * @param resumeSession      continue this agent session (Claude Code --resume, Codex exec resume)
 * @param sandbox            Codex --sandbox (read-only, workspace-write, danger-full-access)
 * @param agentPlan          for drafts: run the agent in plan mode first and keep its plan for review
 * @param maxCostUsd         stop the agent (the attempt fails, reason "budget: ...") once what it has spent, as its
 *                           output reports it, passes this many US dollars
 */
public record AgentOptions(
        String model,
        String permissionMode,
        Boolean skipPermissions,
        List<String> allowedTools,
        List<String> disallowedTools,
        Integer maxTurns,
        String appendSystemPrompt,
        String mcpConfig,
        String resumeSession,
        String sandbox,
        Boolean agentPlan,
        Double maxCostUsd) {

    public static final AgentOptions NONE = new AgentOptions(null, null, null, null, null, null, null, null, null,
            null, null);

    /** Options without a cost cap. */
    public AgentOptions(String model, String permissionMode, Boolean skipPermissions, List<String> allowedTools,
                        List<String> disallowedTools, Integer maxTurns, String appendSystemPrompt, String mcpConfig,
                        String resumeSession, String sandbox, Boolean agentPlan) {
        this(model, permissionMode, skipPermissions, allowedTools, disallowedTools, maxTurns, appendSystemPrompt,
                mcpConfig, resumeSession, sandbox, agentPlan, null);
    }

    /** These options with a cost cap in US dollars (null: none). */
    public AgentOptions withMaxCostUsd(Double value) {
        return new AgentOptions(model, permissionMode, skipPermissions, allowedTools, disallowedTools, maxTurns,
                appendSystemPrompt, mcpConfig, resumeSession, sandbox, agentPlan, value);
    }

    public AgentOptions {
        allowedTools = allowedTools == null ? List.of() : List.copyOf(allowedTools);
        disallowedTools = disallowedTools == null ? List.of() : List.copyOf(disallowedTools);
    }

    /** These options, continuing agent session {@code session}. */
    public AgentOptions withResumeSession(String session) {
        return new AgentOptions(model, permissionMode, skipPermissions, allowedTools, disallowedTools, maxTurns,
                appendSystemPrompt, mcpConfig, session, sandbox, agentPlan, maxCostUsd);
    }

    public boolean skipsPermissions() {
        return Boolean.TRUE.equals(skipPermissions);
    }
}
