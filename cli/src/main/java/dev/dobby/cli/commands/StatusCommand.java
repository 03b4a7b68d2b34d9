package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.cli.output.Table;
import dev.dobby.cli.output.Times;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPage;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = "List tasks, newest first: what runs, what waits, what ended.",
        footer = {"",
                "Examples:",
                "  dobby status",
                "  dobby status shop --status running,pending",
                "  dobby status --search migration --limit 100",
                "  dobby status --json | jq '.tasks[] | select(.status == \"failed\") | .id'"})
public final class StatusCommand extends ClientCommand {
    @Parameters(paramLabel = "PROJECT", arity = "0..1", description = "Only this project's tasks.")
    String project;

    @Option(names = "--status", paramLabel = "STATUS", split = ",",
            description = "Only tasks in these statuses (draft, pending, blocked, running, completed, failed, cancelled, timed_out, stale).")
    List<TaskStatus> statuses = new ArrayList<>();

    @Option(names = {"-s", "--search"}, paramLabel = "TEXT", description = "Only tasks whose description contains TEXT.")
    String search;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20", description = "How many (default 20).")
    int limit;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        TaskPage page = hub().listTasks(new TaskQuery(statuses, project, null, search, null, limit, 0));
        if (json.json) {
            printJson(page);
            return 0;
        }
        if (page.tasks().isEmpty()) {
            out().println("No tasks" + (project == null ? "" : " in " + project) + ". Queue one with: dobby add \"...\" --project NAME");
            return 0;
        }
        Instant now = now();
        // The JOB column appears only when a listed task runs as a batch scheduler's job (a Slurm spoke's).
        boolean jobs = page.tasks().stream().anyMatch(task -> task.placement() != null);
        Table table = jobs
                ? new Table("ID", "STATUS", "PROJECT", "BACKEND", "PRIORITY", "UPDATED", "JOB", "DESCRIPTION")
                : new Table("ID", "STATUS", "PROJECT", "BACKEND", "PRIORITY", "UPDATED", "DESCRIPTION");
        for (Task task : page.tasks()) {
            boolean stuck = page.waiting().containsKey(task.id()) && page.waiting().get(task.id()).stuck();
            List<String> cells = new ArrayList<>(List.of("#" + task.id(),
                    style().status(task.status()) + (stuck ? " (can't run)" : ""),
                    task.project(), task.backend().wire(), task.priority().wire(),
                    Times.relative(task.updatedAt(), now)));
            if (jobs) {
                cells.add(task.placement() == null ? "" : task.placement().brief());
            }
            cells.add(oneLine(task.description(), 60));
            table.row(cells.toArray(String[]::new));
        }
        table.print(out(), style());
        Map<TaskStatus, Long> counts = page.tasks().stream()
                .collect(Collectors.groupingBy(Task::status, () -> new EnumMap<>(TaskStatus.class), Collectors.counting()));
        String summary = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().wire())
                .collect(Collectors.joining(", "));
        out().println(style().dim("showing " + page.tasks().size() + " of " + page.total() + " (" + summary + ")"));
        return 0;
    }

    static String oneLine(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
