package dev.dobby.mcp.tools;

import static dev.dobby.mcp.tools.InputSchema.integer;

import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.ResultPage;
import dev.dobby.protocol.Stats;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Tools that read what tasks produced, one at a time or in aggregate. */
final class ResultTools {
    private final HubApi hub;

    ResultTools(HubApi hub) {
        this.hub = hub;
    }

    List<DobbyTool> tools() {
        return List.of(results(), listResults(), stats(), usage());
    }

    private DobbyTool results() {
        return DobbyTool.reading("dobby_results", "Result of a task",
                "The outcome of a task's latest attempt: status, exit code, the agent's summary, files changed, "
                        + "branch, tokens and cost, and where its artifacts are. Available once the task has ended.",
                TaskTools.taskIdOnly(),
                args -> {
                    long id = args.id("task_id");
                    TaskResult result;
                    try {
                        result = hub.result(id);
                    } catch (ApiException e) {
                        if (e.status() != 404) {
                            throw e;
                        }
                        // Either the task is unknown (getTask says so) or it has not ended: tell the model which.
                        Task task = hub.getTask(id);
                        throw new ToolRefusal("Task #" + task.id() + " has no result yet: it is " + task.status().wire()
                                + (task.statusReason() == null ? "" : " (" + task.statusReason() + ")") + ". "
                                + Describe.nextStep(task));
                    }
                    return Reply.of(Describe.result(result), result);
                });
    }

    private DobbyTool listResults() {
        Map<String, Object> schema = InputSchema.object()
                .optional("project", TaskFields.PROJECT)
                .optional("limit", integer("How many results to show, newest first.", 1, 100, 10))
                .optional("offset", integer("How many of the newest results to skip, to page back in time.", 0,
                        1_000_000, 0))
                .build();
        return DobbyTool.reading("dobby_list_results", "Recent results",
                "The results of recently ended tasks, newest first, each with status, duration, cost and the start "
                        + "of its summary; optionally for one project. Use dobby_results for one in full.",
                schema,
                args -> {
                    ResultPage page = hub.results(args.optionalText("project"), args.intOr("limit", 10),
                            args.intOr("offset", 0));
                    return Reply.of(describe(page), page);
                });
    }

    private static String describe(ResultPage page) {
        if (page.results().isEmpty()) {
            return page.total() == 0 ? "No results yet." : "No more results (" + page.total() + " in all).";
        }
        return "Results " + (page.offset() + 1) + "-" + (page.offset() + page.results().size()) + " of "
                + page.total() + ", newest first:\n"
                + page.results().stream().map(Describe::resultLine).collect(Collectors.joining("\n"));
    }

    private DobbyTool stats() {
        return DobbyTool.reading("dobby_stats", "Totals",
                "Totals over the hub's whole history: tasks by status, overall and per project, tokens, cost, and "
                        + "the average run time.",
                InputSchema.object().build(),
                args -> {
                    Stats stats = hub.stats();
                    return Reply.of(Describe.stats(stats), stats);
                });
    }

    private DobbyTool usage() {
        return DobbyTool.reading("dobby_usage", "Agent usage limits",
                "Each agent account's usage windows (Claude Code's 5-hour and 7-day windows, per worker login) as "
                        + "the agents last reported them: how much is used, when each resets, and which accounts "
                        + "are out of quota (their tasks wait and then resume their sessions).",
                InputSchema.object().build(),
                args -> {
                    var windows = hub.usage();
                    String text = windows.isEmpty() ? "No agent has reported usage yet."
                            : String.join("\n", dev.dobby.protocol.UsageText.lines(windows, java.time.Instant.now(),
                            java.time.ZoneId.systemDefault()));
                    return Reply.of(text, java.util.Map.of("accounts", windows));
                });
    }
}
