package dev.dobby.mcp.tools;

import static dev.dobby.mcp.tools.InputSchema.choice;
import static dev.dobby.mcp.tools.InputSchema.flag;
import static dev.dobby.mcp.tools.InputSchema.integer;
import static dev.dobby.mcp.tools.InputSchema.item;
import static dev.dobby.mcp.tools.InputSchema.listOf;
import static dev.dobby.mcp.tools.InputSchema.text;
import static dev.dobby.mcp.tools.InputSchema.wireNames;

import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPage;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.Wire;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Tools that queue, inspect and steer tasks. */
final class TaskTools {
    static final int MAX_BATCH = 100;
    private static final Map<String, Object> TASK_ID = InputSchema.id("The task's id (the number shown as #N).");

    private final HubApi hub;

    TaskTools(HubApi hub) {
        this.hub = hub;
    }

    List<DobbyTool> tools() {
        return List.of(addTask(), batchAdd(), planTask(), status(), getTask(), cancel(), retry(), resume(),
                detailStatus());
    }

    static Map<String, Object> taskIdOnly() {
        return InputSchema.object().required("task_id", TASK_ID).build();
    }

    private DobbyTool addTask() {
        return DobbyTool.changing("dobby_add_task", "Queue a task",
                "Queue a coding task in a registered project. A worker runs it with Claude Code, Codex or as a "
                        + "shell command in the project's directory and keeps the result. Returns the new task and "
                        + "its id; follow it with dobby_get_task or dobby_detail_status and read the outcome with "
                        + "dobby_results. To let the user review the task before it runs, use dobby_plan_task "
                        + "instead.",
                TaskFields.schema().build(),
                args -> {
                    Task task = hub.createTask(TaskFields.newTask(args));
                    return Reply.of("Queued task #" + task.id() + ".\n" + Describe.task(task), task);
                });
    }

    private DobbyTool planTask() {
        Map<String, Object> schema = TaskFields.schema()
                .optional("agent_plan", flag("Have the agent (claude backend) work out a plan first, without "
                        + "changing anything, and keep it with the draft for the user to review.", false))
                .build();
        return DobbyTool.changing("dobby_plan_task", "Draft a task for review",
                "Create a draft task: it is stored with everything dobby_add_task takes but does not run until "
                        + "the user approves it (in the dashboard or the desktop app). Use it for work the user "
                        + "should look at before an agent starts. Returns the draft and its id.",
                schema,
                args -> {
                    NewTask draft = TaskFields.newTask(args).withDraft(true);
                    if (args.flag("agent_plan", false)) {
                        AgentOptions agent = draft.agent() == null ? AgentOptions.NONE : draft.agent();
                        draft = draft.withAgent(new AgentOptions(agent.model(), null, null, null, null, null, null,
                                null, null, null, true));
                    }
                    Task task = hub.createTask(draft);
                    return Reply.of("Created draft task #" + task.id() + ".\n" + Describe.task(task), task);
                });
    }

    private DobbyTool batchAdd() {
        Map<String, Object> schema = InputSchema.object()
                .required("tasks", listOf("The tasks to queue, in any order. Give an entry a 'ref' and list it in "
                        + "another entry's 'after' to make that one wait for it.", TaskFields.batchEntrySchema(), 1,
                        MAX_BATCH))
                .optional("name", text("A label for the batch, for people.", 200))
                .build();
        return DobbyTool.changing("dobby_batch_add", "Queue several tasks",
                "Queue several tasks at once, all or nothing, optionally ordered by dependencies between them "
                        + "(each entry's 'after'). Use it to split a larger job into steps, or to fan the same kind "
                        + "of work out over projects. Returns the batch id and every task with its id.",
                schema,
                args -> {
                    List<NewBatch.Entry> entries = args.objects("tasks").stream().map(TaskFields::batchEntry)
                            .toList();
                    BatchStatus batch = hub.createBatch(new NewBatch(args.optionalText("name"), entries));
                    return Reply.of("Queued " + describeCount(batch.total()) + " as batch #" + batch.id() + ".\n"
                            + Describe.batch(batch), batch);
                });
    }

    private DobbyTool status() {
        Map<String, Object> schema = InputSchema.object()
                .optional("project", TaskFields.PROJECT)
                .optional("status", listOf("Only tasks in one of these statuses, for example [\"pending\", "
                        + "\"running\"] for work not yet done.", item(choice("status",
                        wireNames(TaskStatus.class))), TaskStatus.values().length))
                .optional("limit", integer("How many tasks to show, newest first.", 1, 200, 20))
                .build();
        return DobbyTool.reading("dobby_status", "List tasks",
                "List tasks, newest first, with their status, project, backend and priority. Filter by project "
                        + "and status. Use it to find task ids and to see what is queued, running or finished.",
                schema,
                args -> {
                    List<TaskStatus> statuses = args.texts("status").stream()
                            .map(s -> Wire.parse(TaskStatus.class, s, "status")).toList();
                    TaskQuery query = TaskQuery.all().withProject(args.optionalText("project"))
                            .withStatuses(statuses).withPage(args.intOr("limit", 20), 0);
                    TaskPage page = hub.listTasks(query);
                    return Reply.of(describe(page, args), page);
                });
    }

    private static String describe(TaskPage page, Args args) {
        String filter = (args.has("project") ? " in project " + args.optionalText("project") : "")
                + (args.has("status") ? " with status " + String.join(" or ", args.texts("status")) : "");
        if (page.tasks().isEmpty()) {
            return "No tasks" + filter + ".";
        }
        String header = page.total() > page.tasks().size()
                ? "Newest " + page.tasks().size() + " of " + page.total() + " tasks" + filter + ":"
                : describeCount(page.total()) + filter + ":";
        return header + "\n" + page.tasks().stream().map(t -> Describe.taskLine(t) + cannotRun(page, t))
                .collect(Collectors.joining("\n"));
    }

    /** What holds a task that cannot run until someone acts, after its line; nothing for the others. */
    private static String cannotRun(TaskPage page, Task task) {
        dev.dobby.protocol.Waiting waiting = page.waiting().get(task.id());
        return waiting != null && waiting.stuck() ? " — can't run: " + waiting.reason() : "";
    }

    private DobbyTool getTask() {
        return DobbyTool.reading("dobby_get_task", "Show a task",
                "Show one task in full: status and why, description, project, backend, priority, dependencies, "
                        + "attempts, worker and times.",
                taskIdOnly(),
                args -> {
                    Task task = hub.getTask(args.id("task_id"));
                    return Reply.of(Describe.task(task), task);
                });
    }

    private DobbyTool cancel() {
        return DobbyTool.destructive("dobby_cancel", "Cancel a task",
                "Cancel a draft, queued, blocked or running task. A running agent is stopped. Tasks that wait for "
                        + "this one stay blocked until it is retried. Ended tasks cannot be cancelled.",
                taskIdOnly(),
                args -> {
                    Task task = hub.cancelTask(args.id("task_id"));
                    return Reply.of("Cancelled task #" + task.id() + ".\n" + Describe.task(task), task);
                });
    }

    private DobbyTool retry() {
        Map<String, Object> schema = InputSchema.object()
                .required("task_id", TASK_ID)
                .optional("cascade", flag("Also re-open the tasks that were waiting for this one (and their own "
                        + "dependents), so the whole chain runs again.", false))
                .build();
        return DobbyTool.changing("dobby_retry", "Retry a task",
                "Queue an ended task (failed, timed out, stale or cancelled) again as a new attempt. With "
                        + "cascade, the tasks that were blocked behind it are re-opened too.",
                schema,
                args -> {
                    boolean cascade = args.flag("cascade", false);
                    Task task = hub.retryTask(args.id("task_id"), cascade);
                    return Reply.of("Queued task #" + task.id() + " again"
                            + (cascade ? ", with the tasks waiting for it" : "") + ".\n" + Describe.task(task), task);
                });
    }

    private DobbyTool resume() {
        Map<String, Object> schema = InputSchema.object()
                .required("task_id", TASK_ID)
                .optional("message", InputSchema.text("What to tell the agent when it continues, e.g. \"continue, "
                        + "but skip the migration\". By default it is told to continue where it stopped.", 10_000))
                .build();
        return DobbyTool.changing("dobby_resume", "Resume a task's agent session",
                "Queue an ended Claude Code or Codex task (failed, timed out, stale or cancelled) again so that its "
                        + "agent continues the same session, with its context and worktree, instead of starting "
                        + "over. The worker that ran the session resumes it; another worker would start afresh.",
                schema,
                args -> {
                    Task task = hub.resumeTask(args.id("task_id"), args.optionalText("message"));
                    return Reply.of("Task #" + task.id() + " will resume its agent's session.\n"
                            + Describe.task(task), task);
                });
    }

    private DobbyTool detailStatus() {
        return DobbyTool.reading("dobby_detail_status", "What a task is doing",
                "What a task's agent is doing right now: current step, last output, files read and edited, tool "
                        + "calls, tokens and cost so far; for a task that has not started, why it is waiting.",
                taskIdOnly(),
                args -> {
                    var detail = hub.detailStatus(args.id("task_id"));
                    return Reply.of(Describe.detail(detail), detail);
                });
    }

    private static String describeCount(long tasks) {
        return tasks == 1 ? "1 task" : tasks + " tasks";
    }
}
