package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.cli.output.Times;
import dev.dobby.protocol.DetailStatus;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "detail-status", description = "What a task's agent is doing: step, files, tools, tokens, cost.",
        footer = {"", "Example:", "  dobby detail-status 42"})
public final class DetailStatusCommand extends ClientCommand {
    @Parameters(paramLabel = "TASK_ID")
    long id;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        DetailStatus d = hub().detailStatus(id);
        if (json.json) {
            printJson(d);
            return 0;
        }
        line("Task", "#" + d.taskId() + "  " + style().status(d.status())
                + (d.statusReason() == null ? "" : "  (" + d.statusReason() + ")"));
        line("Waiting", d.waitingReason() == null ? null : (d.stuck() ? "can't run: " : "") + d.waitingReason());
        line("Worker", d.worker() == null ? null : d.worker() + (d.attempt() > 0 ? ", attempt " + d.attempt() : ""));
        line("Job", d.placement() == null ? null : d.placement().describe());
        line("Started", d.startedAt() == null ? null : Times.relative(d.startedAt(), now()));
        line("Elapsed", d.elapsedSeconds() == null ? null : Times.duration(d.elapsedSeconds()));
        line("Step", d.currentStep());
        line("Output", d.outputLines() == 0 ? null : d.outputLines() + " lines, last: " + StatusCommand.oneLine(
                d.lastOutput() == null ? "" : d.lastOutput(), 80));
        line("Read", String.join(", ", d.filesRead()));
        line("Edited", String.join(", ", d.filesEdited()));
        line("Tools", tools(d.tools()));
        line("Tokens", d.tokensIn() == null && d.tokensOut() == null ? null
                : (d.tokensIn() == null ? "?" : d.tokensIn()) + " in, " + (d.tokensOut() == null ? "?" : d.tokensOut()) + " out");
        line("Cost", d.costUsd() == null ? null : String.format("$%.4f (API-equivalent)", d.costUsd()));
        out().flush();
        return 0;
    }

    private void line(String label, String value) {
        if (value != null && !value.isBlank()) {
            out().printf("%-9s %s%n", style().bold(label), value);
        }
    }

    private static String tools(Map<String, Integer> tools) {
        return tools.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }
}
