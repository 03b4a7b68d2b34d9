package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.cli.output.Table;
import dev.dobby.cli.output.Times;
import dev.dobby.protocol.Schedule;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "schedules", description = "List repeating tasks (made with add --cron or --every).",
        subcommands = SchedulesCommand.Cancel.class,
        footer = {"", "Examples:", "  dobby schedules", "  dobby schedules shop --json", "  dobby schedules cancel 4"})
public final class SchedulesCommand extends ClientCommand {
    @Parameters(paramLabel = "PROJECT", arity = "0..1", description = "Only this project's schedules.")
    String project;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        List<Schedule> schedules = hub().schedules(project);
        if (json.json) {
            printJson(schedules);
            return 0;
        }
        if (schedules.isEmpty()) {
            out().println("No schedules. Make one with: dobby add \"...\" --project NAME --every 1h");
            return 0;
        }
        Table table = new Table("ID", "STATE", "PROJECT", "WHEN", "NEXT", "RUNS", "DESCRIPTION");
        for (Schedule s : schedules) {
            table.row("#" + s.id(), s.state().wire(), s.project(), s.cron() != null ? s.cron() : "every " + s.every(),
                    s.nextRunAt() == null ? "-" : Times.relative(s.nextRunAt(), now()), String.valueOf(s.runs()),
                    StatusCommand.oneLine(s.description(), 50));
        }
        table.print(out(), style());
        return 0;
    }

    @Command(name = "cancel", description = "Stop a schedule: no more runs (runs already queued stay).")
    static final class Cancel extends ClientCommand {
        @Parameters(paramLabel = "SCHEDULE_ID")
        long id;

        @Mixin
        JsonOption json;

        @Override
        protected int run() {
            Schedule schedule = hub().cancelSchedule(id);
            if (json.json) {
                printJson(schedule);
            } else {
                out().println("Cancelled schedule " + style().bold("#" + schedule.id()) + " after " + schedule.runs()
                        + " run(s)");
            }
            return 0;
        }
    }
}
