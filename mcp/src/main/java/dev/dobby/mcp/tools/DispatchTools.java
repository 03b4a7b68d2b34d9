package dev.dobby.mcp.tools;

import static dev.dobby.mcp.tools.InputSchema.flag;
import static dev.dobby.mcp.tools.InputSchema.name;

import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.PauseRequest;
import dev.dobby.protocol.PauseState;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The kill switch: pause and unpause dispatch. */
final class DispatchTools {
    private static final String BY = "Claude Code (MCP)";

    private final HubApi hub;

    DispatchTools(HubApi hub) {
        this.hub = hub;
    }

    List<DobbyTool> tools() {
        return List.of(pause(), unpause());
    }

    private DobbyTool pause() {
        Map<String, Object> schema = InputSchema.object()
                .optional("project", name("Pause only this project (see dobby_projects). Leave out to pause the "
                        + "whole hub."))
                .optional("stop_running", flag("Also stop the tasks running now: they end as cancelled with the "
                        + "reason 'paused'. Without it they finish.", false))
                .build();
        return DobbyTool.destructive("dobby_pause", "Pause dispatch (kill switch)",
                "Stop starting tasks: for the whole hub, or for one project. Queued tasks wait (their waiting "
                        + "reason says dispatch is paused) until dobby_unpause; the pause survives a hub restart. "
                        + "With stop_running, running agents are stopped too.",
                schema,
                args -> {
                    PauseState state = hub.pause(new PauseRequest(args.optionalText("project"),
                            args.optionalFlag("stop_running"), BY));
                    return Reply.of(describe(state), state);
                });
    }

    private DobbyTool unpause() {
        Map<String, Object> schema = InputSchema.object()
                .optional("project", name("Unpause only this project. Leave out to let the hub and every paused "
                        + "project dispatch again."))
                .build();
        return DobbyTool.changing("dobby_unpause", "Unpause dispatch",
                "Lift a pause made with dobby_pause (or dobby pause on the command line): queued tasks start "
                        + "again. Without a project, the hub-wide pause and every project's pause are lifted.",
                schema,
                args -> {
                    PauseState state = hub.unpause(new PauseRequest(args.optionalText("project"), null, BY));
                    return Reply.of(describe(state), state);
                });
    }

    static String describe(PauseState state) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
        List<String> lines = new ArrayList<>();
        if (state.paused()) {
            lines.add("Dispatch is paused (since " + time.format(state.since()) + " by " + state.by() + ").");
        }
        state.projects().forEach((name, entry) -> lines.add("Project " + name + " is paused (since "
                + time.format(entry.since()) + " by " + entry.by() + ")."));
        if (lines.isEmpty()) {
            lines.add("Dispatch is running: nothing is paused.");
        }
        return String.join("\n", lines);
    }
}
