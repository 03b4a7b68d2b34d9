package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.protocol.PauseRequest;
import dev.dobby.protocol.PauseState;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pause", description = "The kill switch: start no more tasks (all, or one project's) until unpaused.",
        footer = {"",
                "Running tasks go on unless --stop-running is given; then they end as cancelled, reason \"paused\".",
                "The pause is kept by the hub across restarts. `dobby unpause` lifts it.",
                "",
                "Examples:",
                "  dobby pause",
                "  dobby pause --project shop",
                "  dobby pause --stop-running"})
public final class PauseCommand extends ClientCommand {
    @Option(names = {"-p", "--project"}, paramLabel = "NAME", description = "Pause only this project.")
    String project;

    @Option(names = "--stop-running", description = "Also stop the tasks running now.")
    boolean stopRunning;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        PauseState state = hub().pause(new PauseRequest(project, stopRunning ? Boolean.TRUE : null, who()));
        if (json.json) {
            printJson(state);
        } else {
            out().println(describe(state));
        }
        return 0;
    }

    /** Who asks, as the hub shows it in waiting reasons. */
    static String who() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "the CLI" : user;
    }

    /** "Dispatch is paused (since 14:05 by alice)" and the projects paused on their own. */
    static String describe(PauseState state) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
        List<String> lines = new ArrayList<>();
        if (state.paused()) {
            lines.add("Dispatch is paused (since " + time.format(state.since()) + " by " + state.by() + ")");
        }
        state.projects().forEach((name, entry) -> lines.add("Project " + name + " is paused (since "
                + time.format(entry.since()) + " by " + entry.by() + ")"));
        if (lines.isEmpty()) {
            lines.add("Dispatch is running: nothing is paused");
        }
        return String.join("\n", lines);
    }
}
