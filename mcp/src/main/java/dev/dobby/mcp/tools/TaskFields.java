package dev.dobby.mcp.tools;

import static dev.dobby.mcp.tools.InputSchema.choice;
import static dev.dobby.mcp.tools.InputSchema.flag;
import static dev.dobby.mcp.tools.InputSchema.integer;
import static dev.dobby.mcp.tools.InputSchema.item;
import static dev.dobby.mcp.tools.InputSchema.listOf;
import static dev.dobby.mcp.tools.InputSchema.name;
import static dev.dobby.mcp.tools.InputSchema.text;
import static dev.dobby.mcp.tools.InputSchema.wireNames;

import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Priority;
import java.util.List;
import java.util.Map;

/** The arguments that describe a task, shared by dobby_add_task, dobby_plan_task and dobby_batch_add. */
final class TaskFields {
    static final int MAX_DESCRIPTION = 100_000;
    static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;

    static final Map<String, Object> DESCRIPTION = text("What the agent should do, written as a brief for a "
            + "colleague: the goal, where to look, and how to check the work. For the shell backend: the command "
            + "line to run.", MAX_DESCRIPTION);
    static final Map<String, Object> PROJECT = name("Name of a registered project (see dobby_projects); the task "
            + "runs in that project's directory.");
    static final Map<String, Object> PRIORITY = choice("Queue priority. Higher priorities start first; within a "
            + "priority, older tasks first. Leave out for the project's default (normally 'normal').",
            wireNames(Priority.class));
    static final Map<String, Object> BACKEND = choice("Who runs the task: 'claude' (Claude Code), 'codex' (OpenAI "
            + "Codex), or 'shell' (the description is run as a command in the project's directory). Leave out for "
            + "the project's default.", Backend.forTasks().stream().map(Backend::wire).toArray(String[]::new));
    static final Map<String, Object> TIMEOUT = integer("Seconds the task may run before it is stopped as "
            + "timed_out. Leave out for the project's default.", 1, MAX_TIMEOUT_SECONDS);
    static final Map<String, Object> DEPENDS_ON = listOf("Ids of existing tasks that must complete first; until "
            + "then the task waits as 'blocked'.", item(InputSchema.id("task id")), 100);
    static final Map<String, Object> WORKTREE = flag("Run in a fresh git worktree on a branch of its own, so it "
            + "can work alongside other tasks in the same repository.", false);
    static final Map<String, Object> TARGET_SPOKE = name("Run only on this worker (a spoke id). Leave out to let "
            + "any suitable worker take it.");
    static final Map<String, Object> TARGET_TAGS = listOf("Run only on a worker that has all of these labels "
            + "(for example 'gpu').", item(name("label")), 20);
    static final Map<String, Object> MODEL = Map.of("type", "string", "pattern", "^[A-Za-z0-9._:/\\[\\]-]{1,100}$",
            "description", "Model for the claude or codex agent (for example 'opus' or 'sonnet'). Leave out for "
                    + "the agent's default.");

    static final Map<String, Object> MAX_COST = Map.of("type", "number", "exclusiveMinimum", 0,
            "description", "Stop the agent once it has spent this many US dollars (for example 2.5); the task then "
                    + "fails with a reason starting 'budget:', its work so far kept. Leave out for no cap.");

    private TaskFields() {
    }

    /** The schema of one task: description and project required, the rest optional. */
    static InputSchema schema() {
        return InputSchema.object()
                .required("description", DESCRIPTION)
                .required("project", PROJECT)
                .optional("priority", PRIORITY)
                .optional("backend", BACKEND)
                .optional("timeout", TIMEOUT)
                .optional("depends_on", DEPENDS_ON)
                .optional("worktree", WORKTREE)
                .optional("target_spoke", TARGET_SPOKE)
                .optional("target_tags", TARGET_TAGS)
                .optional("model", MODEL)
                .optional("max_cost_usd", MAX_COST)
                .optional("gpus", InputSchema.integer("How many GPUs of one worker the task needs for itself "
                        + "(it waits until a worker has that many free; the agent sees only those).", 0, 64))
                .optional("gpu_model", InputSchema.name("Only GPUs whose name contains this, like H100."))
                .optional("gpu_memory_mb", InputSchema.integer("Only GPUs with at least this many MiB free "
                        + "(40 GB is 40960).", 1, 16L * 1024 * 1024));
    }

    static NewTask newTask(Args args) {
        String model = args.optionalText("model");
        List<String> tags = args.texts("target_tags");
        return new NewTask(
                args.text("description"),
                args.text("project"),
                args.optionalChoice("priority", Priority.class),
                args.optionalChoice("backend", Backend.class),
                args.optionalInt("timeout"),
                args.ids("depends_on"),
                args.optionalText("target_spoke"),
                tags.isEmpty() ? null : tags,
                args.optionalFlag("worktree"),
                null,
                model == null ? null : new AgentOptions(model, null, null, null, null, null, null, null, null, null,
                        null)).withMaxCostUsd(args.optionalNumber("max_cost_usd"))
                .withGpus(args.optionalInt("gpus"), args.optionalText("gpu_model"), args.optionalNumber("gpu_memory_mb")
                        == null ? null : args.optionalNumber("gpu_memory_mb").longValue());
    }

    /** The schema of one entry of a batch. */
    static Map<String, Object> batchEntrySchema() {
        return InputSchema.object()
                .optional("ref", name("A short name for this entry that other entries can list in 'after' (for "
                        + "example 'tests')."))
                .required("description", DESCRIPTION)
                .required("project", PROJECT)
                .optional("priority", PRIORITY)
                .optional("backend", BACKEND)
                .optional("timeout", TIMEOUT)
                .optional("after", listOf("Entries of this batch (their 'ref') or existing tasks (their id) that "
                        + "must complete before this one starts.",
                        Map.of("type", List.of("string", "integer")), 100))
                .optional("worktree", WORKTREE)
                .optional("target_spoke", TARGET_SPOKE)
                .optional("target_tags", TARGET_TAGS)
                .build();
    }

    static NewBatch.Entry batchEntry(Args entry) {
        List<String> tags = entry.texts("target_tags");
        return new NewBatch.Entry(
                entry.optionalText("ref"),
                entry.text("description"),
                entry.text("project"),
                entry.optionalChoice("priority", Priority.class),
                entry.optionalChoice("backend", Backend.class),
                entry.optionalInt("timeout"),
                entry.refs("after"),
                entry.optionalText("target_spoke"),
                tags.isEmpty() ? null : tags,
                entry.optionalFlag("worktree"));
    }
}
