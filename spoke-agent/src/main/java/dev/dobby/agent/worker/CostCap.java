package dev.dobby.agent.worker;

import dev.dobby.agent.runner.RunningAgent;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.AgentProgress;
import dev.dobby.protocol.work.Assignment;
import java.util.Locale;

/**
 * A task's {@code max_cost_usd}: once what the agent has spent (as its parser adds it up from the output) passes
 * the cap, the agent is stopped and the attempt fails with a reason that starts "budget:". Its work so far is kept:
 * the worktree, the output and the partial result.
 */
final class CostCap {
    private CostCap() {
    }

    /** Stop {@code agent} if {@code progress} shows it spent more than its task allows. */
    static void check(Assignment assignment, AgentProgress progress, RunningAgent agent) {
        if (agent == null || progress == null || progress.costUsd() == null || assignment.agent() == null) {
            return;
        }
        Double cap = assignment.agent().maxCostUsd();
        if (cap != null && progress.costUsd() > cap) {
            agent.stop(TaskStatus.FAILED, reason(progress.costUsd(), cap));
        }
    }

    /** "budget: spent $2.71 of its $2.50 cap" (the hub words its own stop the same way). */
    static String reason(double spent, double cap) {
        return String.format(Locale.ROOT, "budget: spent $%.2f of its $%.2f cap", spent, cap);
    }
}
