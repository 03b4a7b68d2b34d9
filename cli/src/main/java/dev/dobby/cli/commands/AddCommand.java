package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Schedule;
import dev.dobby.protocol.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add",
        description = "Queue a task.",
        footer = {"",
                "Examples:",
                "  dobby add \"write unit tests for the auth module\" --project shop",
                "  dobby add \"npm test\" --project shop --backend shell --priority high --wait",
                "  dobby add \"update the changelog\" --project shop --after 41,42",
                "  dobby add \"train\" --project ml --backend shell --tag gpu --timeout 6h",
                "  dobby add \"update dependencies\" --project shop --cron \"0 3 * * 1\"   # Mondays at 03:00",
                "  dobby add \"pytest -q\" --project shop --backend shell --every 30m"})
public final class AddCommand extends ClientCommand {
    @Parameters(paramLabel = "DESCRIPTION", description = "What to do: the prompt for an agent, the command for shell.")
    String description;

    @Mixin
    TaskOptions task;

    @Option(names = "--cron", paramLabel = "EXPR",
            description = "Repeat on this schedule: 5 cron fields (\"0 3 * * *\") or @hourly, @daily, @weekly, @monthly.")
    String cron;

    @Option(names = "--every", paramLabel = "DURATION", description = "Repeat at this interval (30m, 6h, 1d).")
    String every;

    @Option(names = "--wait", description = "Wait for the task to end; exit 0 if it completed, 1 if not.")
    boolean waitForEnd;

    @Mixin
    JsonOption json;

    @Override
    protected int run() throws InterruptedException {
        if (cron != null || every != null) {
            return schedule();
        }
        Task created = hub().createTask(task.toRequest(description, false, false));
        if (json.json && !waitForEnd) {
            printJson(created);
            return 0;
        }
        if (!json.json) {
            out().println("Queued task " + style().bold("#" + created.id()) + " in " + created.project() + " ("
                    + style().status(created.status()) + (created.statusReason() == null ? "" : ": " + created.statusReason())
                    + ")");
            out().flush();
        }
        if (!waitForEnd) {
            return 0;
        }
        return new TaskWaiter(hub(), out(), style(), json.json).waitForEnd(created.id(), false);
    }

    private int schedule() {
        if (waitForEnd) {
            throw new IllegalArgumentException("--wait is for one task; a schedule keeps queuing runs");
        }
        if (cron != null && every != null) {
            throw new IllegalArgumentException("give --cron or --every, not both");
        }
        NewTask request = task.toRequest(description, false, false);
        request = cron != null ? request.withCron(cron) : request.withEvery(every);
        Schedule schedule = hub().createSchedule(request);
        if (json.json) {
            printJson(schedule);
        } else {
            out().println("Scheduled " + style().bold("#" + schedule.id()) + " in " + schedule.project() + ": "
                    + (schedule.cron() != null ? "cron " + schedule.cron() + " (" + schedule.timeZone() + ")"
                    : "every " + schedule.every()) + ", next run " + schedule.nextRunAt()
                    + ". Stop it with: dobby schedules cancel " + schedule.id());
        }
        return 0;
    }
}
