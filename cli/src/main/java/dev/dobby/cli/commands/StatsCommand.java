package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.cli.output.Table;
import dev.dobby.cli.output.Times;
import dev.dobby.protocol.Stats;
import dev.dobby.protocol.TaskStatus;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "stats", description = "Totals: tasks by status and project, tokens, cost, run time.",
        footer = {"", "Examples:", "  dobby stats", "  dobby stats --json | jq .cost_usd"})
public final class StatsCommand extends ClientCommand {
    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Stats stats = hub().stats();
        if (json.json) {
            printJson(stats);
            return 0;
        }
        out().println(style().bold(stats.tasks() + " tasks") + "  " + stats.tokensIn() + " tokens in, "
                + stats.tokensOut() + " out  " + String.format("$%.2f", stats.costUsd())
                + (stats.avgDurationSeconds() == null ? "" : "  mean run " + Times.duration(stats.avgDurationSeconds())));
        for (Stats.Budget b : stats.budgets()) {
            String scope = b.project() == null ? "hub" : b.project();
            String period = "day".equals(b.period()) ? "today" : "this month";
            out().println(String.format(java.util.Locale.ROOT, "Budget %s %s: $%.2f of $%.2f%s", scope, period,
                    b.spentUsd(), b.capUsd(), b.reached() ? "  " + style().bold("reached") + ": its tasks wait" : ""));
        }
        assistantLine();
        out().println("Costs are API-equivalent: for subscription logins, what the tokens would cost, not what is billed.");
        if (stats.byProject().isEmpty()) {
            return 0;
        }
        TaskStatus[] shown = {TaskStatus.RUNNING, TaskStatus.PENDING, TaskStatus.BLOCKED, TaskStatus.COMPLETED,
                TaskStatus.FAILED, TaskStatus.TIMED_OUT, TaskStatus.CANCELLED};
        String[] header = new String[shown.length + 1];
        header[0] = "PROJECT";
        for (int i = 0; i < shown.length; i++) {
            header[i + 1] = shown[i].wire().toUpperCase(java.util.Locale.ROOT);
        }
        Table table = new Table(header);
        for (Map.Entry<String, Map<TaskStatus, Long>> project : stats.byProject().entrySet()) {
            String[] row = new String[shown.length + 1];
            row[0] = project.getKey();
            for (int i = 0; i < shown.length; i++) {
                row[i + 1] = String.valueOf(project.getValue().getOrDefault(shown[i], 0L));
            }
            table.row(row);
        }
        table.print(out(), style());
        return 0;
    }

    /** Dobby's own model calls (Slack requests and summaries), from hubs that keep them. */
    private void assistantLine() {
        dev.dobby.protocol.AssistantCosts costs;
        try {
            costs = hub().assistantCosts();
        } catch (dev.dobby.protocol.ApiException olderHub) {
            return;
        }
        if (costs.calls() > 0) {
            out().println(String.format(java.util.Locale.ROOT, "Assistant: %d calls  %d tokens in, %d out  $%.4f"
                    + "  (last 30 days: %d calls, $%.4f)", costs.calls(), costs.tokensIn(), costs.tokensOut(),
                    costs.costUsd(), costs.callsLast30Days(), costs.costUsdLast30Days()));
        }
    }
}
