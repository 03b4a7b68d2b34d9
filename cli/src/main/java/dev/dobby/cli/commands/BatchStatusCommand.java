package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.cli.output.Table;
import dev.dobby.cli.output.Times;
import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.Task;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "batch-status", description = "Show a batch's progress and each of its tasks.",
        footer = {"", "Example:", "  dobby batch-status 3"})
public final class BatchStatusCommand extends ClientCommand {
    @Parameters(paramLabel = "BATCH_ID")
    long id;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        BatchStatus batch = hub().batch(id);
        if (json.json) {
            printJson(batch);
            return 0;
        }
        String counts = batch.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey().wire())
                .collect(Collectors.joining(", "));
        out().println(style().bold("Batch " + batch.id() + (batch.name() == null ? "" : " \"" + batch.name() + "\""))
                + "  " + bar(batch.progress()) + String.format(" %d/%d ended", batch.finished(), batch.total())
                + "  (" + counts + ")");
        Table table = new Table("ID", "STATUS", "PROJECT", "UPDATED", "DESCRIPTION");
        for (Task task : batch.tasks()) {
            table.row("#" + task.id(), style().status(task.status()), task.project(),
                    Times.relative(task.updatedAt(), now()), StatusCommand.oneLine(task.description(), 60));
        }
        table.print(out(), style());
        return 0;
    }

    static String bar(double progress) {
        int width = 20;
        int filled = (int) Math.round(progress * width);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }
}
