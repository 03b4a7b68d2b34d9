package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.cli.output.Table;
import dev.dobby.cli.output.Times;
import dev.dobby.protocol.ResultPage;
import dev.dobby.protocol.TaskResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "results", description = "Show the result of a task, or the latest results of a project.",
        footer = {"", "Examples:", "  dobby results 42", "  dobby results shop --limit 50"})
public final class ResultsCommand extends ClientCommand {
    @Parameters(paramLabel = "TASK_ID|PROJECT")
    String target;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20", description = "For a project: how many.")
    int limit;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        if (target.matches("#?\\d+")) {
            TaskResult result = hub().result(Long.parseLong(target.replace("#", "")));
            if (json.json) {
                printJson(result);
            } else {
                printOne(result);
            }
            return 0;
        }
        ResultPage page = hub().results(target, limit, 0);
        if (json.json) {
            printJson(page);
            return 0;
        }
        if (page.results().isEmpty()) {
            out().println("No results in " + target + " yet.");
            return 0;
        }
        Table table = new Table("TASK", "STATUS", "DURATION", "COST", "ENDED", "SUMMARY");
        for (TaskResult r : page.results()) {
            table.row("#" + r.taskId(), style().status(r.status()), Times.duration(r.durationSeconds()),
                    r.costUsd() == null ? "-" : String.format("$%.2f", r.costUsd()),
                    Times.relative(r.createdAt(), now()), StatusCommand.oneLine(r.summary() == null ? "" : r.summary(), 70));
        }
        table.print(out(), style());
        return 0;
    }

    private void printOne(TaskResult r) {
        out().println(style().bold("Task #" + r.taskId()) + "  " + style().status(r.status()) + "  attempt " + r.attempt()
                + "  " + Times.duration(r.durationSeconds())
                + (r.exitCode() == null ? "" : "  exit " + r.exitCode())
                + (r.incomplete() ? "  (incomplete)" : "")
                + (r.rateLimited() ? "  (rate limited" + (r.rateLimitedUntil() == null ? ")" : " until " + r.rateLimitedUntil() + ")") : ""));
        if (r.tokensIn() != null || r.costUsd() != null || r.turns() != null) {
            out().println("tokens " + nullable(r.tokensIn()) + " in / " + nullable(r.tokensOut()) + " out"
                    + (r.costUsd() == null ? "" : String.format(", $%.4f (API-equivalent)", r.costUsd()))
                    + (r.turns() == null ? "" : ", " + r.turns() + " turns"));
        }
        if (r.branch() != null) {
            out().println("branch " + r.branch() + (r.baseCommit() == null ? "" : " from " + r.baseCommit()));
        }
        if (!r.filesChanged().isEmpty()) {
            out().println("files  " + String.join(", ", r.filesChanged()));
        }
        if (r.diffStat() != null && !r.diffStat().isBlank()) {
            out().println(r.diffStat().stripTrailing());
        }
        out().println("files kept in " + r.artifactsDir());
        out().println();
        out().println(r.summary() == null ? "(no summary)" : r.summary());
        out().flush();
    }

    private static String nullable(Object value) {
        return value == null ? "?" : value.toString();
    }
}
