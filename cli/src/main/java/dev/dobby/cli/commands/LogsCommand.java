package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.LogPage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "Print a task's output.",
        footer = {"",
                "With --follow it streams new lines until the task ends, then exits 0 if it completed and 1 if not.",
                "",
                "Examples:",
                "  dobby logs 42",
                "  dobby logs 42 --tail 20",
                "  dobby logs 42 --follow"})
public final class LogsCommand extends ClientCommand {
    private static final int PAGE = 5_000;

    @Parameters(paramLabel = "TASK_ID")
    long id;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until the task ends.")
    boolean follow;

    @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines.")
    Integer tail;

    @Mixin
    JsonOption json;

    @Override
    protected int run() throws InterruptedException {
        if (follow) {
            if (json.json) {
                throw new IllegalArgumentException("--json and --follow do not go together; follow prints plain lines");
            }
            return new TaskWaiter(hub(), out(), style(), false).waitForEnd(id, true);
        }
        List<LogLine> lines = new ArrayList<>();
        Deque<LogLine> last = new ArrayDeque<>();
        long after = 0;
        LogPage page;
        do {
            page = hub().logs(id, after, PAGE);
            for (LogLine line : page.lines()) {
                if (tail == null) {
                    lines.add(line);
                } else {
                    last.addLast(line);
                    if (last.size() > tail) {
                        last.removeFirst();
                    }
                }
            }
            after = page.next();
        } while (page.more());
        List<LogLine> shown = tail == null ? lines : List.copyOf(last);
        if (json.json) {
            printJson(shown);
        } else {
            shown.forEach(line -> out().println(line.text()));
            out().flush();
        }
        return 0;
    }
}
