package dev.dobby.mcp.tools;

import static dev.dobby.mcp.tools.InputSchema.flag;
import static dev.dobby.mcp.tools.InputSchema.name;
import static dev.dobby.mcp.tools.InputSchema.text;

import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewSession;
import dev.dobby.protocol.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Remote Control sessions: open one on any worker and hand back the link to it. */
final class SessionTools {
    /** Long enough for a worker to start the CLI and print its link, short enough for a tool call. */
    static final Duration LINK_WAIT = Duration.ofSeconds(20);

    private final HubApi hub;

    SessionTools(HubApi hub) {
        this.hub = hub;
    }

    List<DobbyTool> tools() {
        return List.of(open());
    }

    private DobbyTool open() {
        Map<String, Object> schema = InputSchema.object()
                .required("project", name("The project to open it in (see dobby_projects)."))
                .optional("on", name("Run it on this worker (a spoke's id, or local for the hub's own)."))
                .optional("tag", name("Run it on a worker with this tag."))
                .optional("worktree", flag("Start it in a git worktree of its own.", false))
                .optional("name", text("The session's name in claude.ai/code and the Claude app.", 100))
                .build();
        return DobbyTool.changing("dobby_remote_session", "Open a Remote Control session",
                "Start a Claude Code Remote Control session on one of the user's workers, for them to use from "
                        + "claude.ai/code or the Claude app. Answers with the link once the worker's CLI printed it "
                        + "(waiting up to 20 s), or with the session's status. Stop it with dobby_cancel.",
                schema,
                args -> {
                    String tag = args.optionalText("tag");
                    Session session = hub.openSession(new NewSession(args.text("project"), args.optionalText("name"),
                            args.optionalText("on"), tag == null ? List.of() : List.of(tag),
                            args.optionalFlag("worktree"), null, null));
                    Session now = awaitLink(session);
                    return Reply.of(describe(now), now);
                });
    }

    private Session awaitLink(Session session) {
        Instant until = Instant.now().plus(LINK_WAIT);
        Session now = session;
        while (now.link() == null && now.active() && Instant.now().isBefore(until)) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
            now = hub.session(session.id());
        }
        return now;
    }

    static String describe(Session s) {
        String where = s.worker() == null ? "" : " on " + s.worker();
        String head = "Session #" + s.id() + " \"" + s.name() + "\" in " + s.project() + where + " ("
                + s.state().wire() + ")";
        return s.link() != null ? head + ": open " + s.link() : head + ": " + s.status();
    }
}
