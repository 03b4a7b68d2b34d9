package dev.dobby.cli.commands;

import dev.dobby.cli.CliException;
import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.ExitCode;
import dev.dobby.cli.Install;
import dev.dobby.protocol.Durations;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewSession;
import dev.dobby.protocol.Session;
import dev.dobby.protocol.TaskStatus;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "remote",
        description = "Open a Claude Code Remote Control session on one of your workers, to use from claude.ai/code"
                + " or the Claude app.",
        footer = {"",
                "The hub sends the session to a worker that has Claude Code (the hub's own, or a spoke: --on, --tag),",
                "which runs `claude remote-control --spawn session` in the project's directory (or a worktree of its",
                "own with --worktree) under a supervisor, like an agent. This command prints what the CLI says, the",
                "link to open, and waits until the session ends. Ctrl-C ends the wait, not the session: stop that",
                "with `dobby cancel ID` or the dashboard's Stop button.",
                "",
                "Remote Control needs Claude Code 2.1.51 or newer signed in with a claude.ai subscription on that",
                "worker, and a workspace you have trusted there (run `claude` once in the project's directory).",
                "",
                "--local starts an interactive `claude` here instead, with Dobby's MCP tools attached.",
                "",
                "Examples:",
                "  dobby remote --project shop",
                "  dobby remote --project ml --on gpu-1 --worktree --name \"ml on gpu-1\"",
                "  dobby remote --local"})
public final class RemoteCommand extends ClientCommand {
    @Option(names = {"-p", "--project"}, paramLabel = "NAME", description = "The project to open it in.")
    String project;

    @Option(names = "--on", paramLabel = "WORKER", description = "Run it on this worker (local: the hub's own).")
    String on;

    @Option(names = "--tag", paramLabel = "TAG", description = "Run it on a worker with this tag; repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--worktree", description = "Start it in a git worktree of its own.")
    boolean worktree;

    @Option(names = "--name", paramLabel = "NAME", description = "The session's name (default: dobby-PROJECT).")
    String name;

    @Option(names = "--permission-mode", paramLabel = "MODE",
            description = "Claude Code's permission mode for it (default, acceptEdits, plan, bypassPermissions).")
    String permissionMode;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Stop it after this long (default 12h).")
    String timeout;

    @Option(names = "--local", description = "Start an interactive claude here with Dobby's tools instead.")
    boolean local;

    @Option(names = "--dir", paramLabel = "DIR", description = "With --local: where to start it (default: here).")
    Path dir;

    @Override
    protected int run() throws Exception {
        if (local) {
            return runLocal();
        }
        if (project == null) {
            throw new CliException(ExitCode.USAGE, "say which project the session is for: --project NAME"
                    + " (or --local for a session here)");
        }
        Integer seconds = timeout == null ? null : (int) Durations.parse(timeout).toSeconds();
        HubApi hub = hub();
        Session session = hub.openSession(new NewSession(project, name, on, tags, worktree, permissionMode, seconds));
        out().println("Session " + style().bold("#" + session.id()) + " \"" + session.name() + "\" in " + session.project()
                + ": " + session.status() + ". Ctrl-C stops waiting; the session goes on (dobby cancel "
                + session.id() + " stops it).");
        out().flush();
        AtomicBoolean linkShown = new AtomicBoolean();
        int waited = new TaskWaiter(hub, out(), style(), false)
                .calling("session")
                .observingLines(text -> Session.linkIn(text).ifPresent(link -> {
                    if (linkShown.compareAndSet(false, true)) {
                        out().println("Open the session: " + style().bold(link));
                        out().flush();
                    }
                }))
                .waitForEnd(session.id(), true);
        // Stopping a session is how it is meant to end.
        return hub.getTask(session.id()).status() == TaskStatus.CANCELLED ? ExitCode.OK : waited;
    }

    private int runLocal() throws Exception {
        String claude = System.getenv("DOBBY_CLAUDE_BIN");
        if (claude == null || claude.isBlank()) {
            claude = onPath("claude");
        }
        if (claude == null) {
            throw new CliException(ExitCode.ERROR, "claude not found on PATH (install Claude Code, or set DOBBY_CLAUDE_BIN)");
        }
        String server = Install.root().map(r -> r.resolve("bin/dobby-mcp").toString()).orElse("dobby-mcp");
        String url = hubOptions.client().baseUrl();
        String mcp = "{\"mcpServers\":{\"dobby\":{\"command\":" + quote(server) + ",\"env\":{\"DOBBY_URL\":" + quote(url)
                + (System.getenv("DOBBY_API_KEY") == null ? "" : ",\"DOBBY_API_KEY\":" + quote(System.getenv("DOBBY_API_KEY")))
                + "}}}}";
        List<String> command = new ArrayList<>(List.of(claude, "--mcp-config", mcp));
        Process process = new ProcessBuilder(command)
                .directory((dir == null ? Path.of("") : dir).toAbsolutePath().toFile())
                .inheritIO()
                .start();
        return process.waitFor();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            File f = new File(d, name);
            if (f.isFile() && f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
