package dev.dobby.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every client command once, in this JVM, against a throw-away hub, so that a JVM recording its start-up
 * cache ({@code -XX:AOTMode=record}) sees the classes each command loads — not only those of whichever command a
 * user happens to run first. Used by {@code bin/train-start-up.sh}; its commands' output is thrown away.
 *
 * <p>Arguments: the stand-in hub's URL and an empty scratch directory.
 */
public final class StartUpTraining {
    private StartUpTraining() {
    }

    public static void main(String[] args) throws IOException {
        String hub = args[0];
        Path scratch = Path.of(args[1]);
        PrintStream report = System.err;
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true);
        System.setOut(nowhere);
        System.setErr(nowhere);
        int unexpected = 0;
        for (Run run : runs(hub, scratch)) {
            int code = Main.run(run.args().toArray(String[]::new));
            if (code != run.exitCode()) {
                report.println("start-up training: `dobby " + String.join(" ", run.args()) + "` exited " + code
                        + ", not " + run.exitCode());
                unexpected++;
            }
        }
        report.flush();
        System.exit(unexpected == 0 ? 0 : 1);
    }

    /** One command line and the exit code it should end with on a fresh hub. */
    private record Run(List<String> args, int exitCode) {
        static Run ok(String... args) {
            return new Run(List.of(args).stream().filter(arg -> !arg.isEmpty()).toList(), 0);
        }
    }

    private static List<Run> runs(String hub, Path scratch) throws IOException {
        Path project = Files.createDirectories(scratch.resolve("project"));
        Path batch = Files.writeString(scratch.resolve("batch.yaml"), """
                project: training
                tasks:
                  - name: first
                    description: echo first
                    backend: shell
                  - description: echo second
                    backend: shell
                    after: [first]
                """);
        List<Run> runs = new ArrayList<>();
        runs.add(Run.ok("--version"));
        runs.add(Run.ok("--help"));
        for (String name : List.of("init", "start", "agent", "register", "add", "plan", "batch", "approve", "status",
                "detail-status", "logs", "results", "batch-status", "schedules", "cancel", "retry", "stats",
                "projects", "policy", "export", "remote", "slack", "mcp", "deploy", "app", "completion")) {
            runs.add(Run.ok(name, "--help"));
        }
        runs.add(Run.ok("register", project.toString(), "--name", "training", "--context", "start-up training",
                "--hub", hub));
        // Tasks 1 to 4, in this order: one that completed, one that failed, two drafts.
        runs.add(Run.ok("add", "echo one; echo two >&2", "-p", "training", "--backend", "shell", "--wait",
                "--hub", hub));
        runs.add(new Run(List.of("add", "exit 3", "--project", "training", "--backend", "shell", "--priority",
                "high", "--timeout", "10m", "--wait", "--hub", hub), ExitCode.TASK_FAILED));
        runs.add(Run.ok("plan", "echo planned", "-p", "training", "--backend", "shell", "--hub", hub));
        runs.add(Run.ok("plan", "echo dropped", "-p", "training", "--backend", "shell", "--hub", hub));
        runs.add(Run.ok("approve", "3", "--hub", hub));
        runs.add(Run.ok("cancel", "4", "--hub", hub));
        runs.add(Run.ok("retry", "2", "--hub", hub));
        runs.add(Run.ok("add", "echo after", "-p", "training", "--backend", "shell", "--after", "1", "--tag", "any",
                "--hub", hub));
        runs.add(Run.ok("add", "echo every hour", "-p", "training", "--backend", "shell", "--every", "1h",
                "--hub", hub));
        runs.add(Run.ok("batch", batch.toString(), "--hub", hub));
        for (String json : List.of("", "--json")) {
            runs.add(Run.ok("status", json, "--hub", hub));
            runs.add(Run.ok("detail-status", "1", json, "--hub", hub));
            runs.add(Run.ok("results", "1", json, "--hub", hub));
            runs.add(Run.ok("results", "training", json, "--hub", hub));
            runs.add(Run.ok("stats", json, "--hub", hub));
            runs.add(Run.ok("projects", json, "--hub", hub));
            runs.add(Run.ok("schedules", json, "--hub", hub));
            runs.add(Run.ok("batch-status", "1", json, "--hub", hub));
            runs.add(Run.ok("logs", "1", json, "--hub", hub));
        }
        runs.add(Run.ok("status", "training", "--status", "completed,pending", "--search", "echo", "-n", "5",
                "--hub", hub));
        runs.add(Run.ok("logs", "1", "--tail", "1", "--hub", hub));
        runs.add(Run.ok("logs", "1", "--follow", "--hub", hub));
        runs.add(Run.ok("policy", "training", "--hub", hub));
        runs.add(Run.ok("policy", "training", "--max-concurrent", "2", "--hub", hub));
        runs.add(Run.ok("schedules", "cancel", "1", "--hub", hub));
        runs.add(Run.ok("export", "--format", "csv", "--output", scratch.resolve("tasks.csv").toString(),
                "--hub", hub));
        runs.add(Run.ok("export", "--format", "json", "--project", "training", "--hub", hub));
        runs.add(Run.ok("deploy", "unit", "--hub", hub, "--id", "training"));
        runs.add(Run.ok("completion", "bash"));
        // The failures users meet most: no such task, no hub at all, a typo.
        runs.add(new Run(List.of("results", "999999", "--hub", hub), ExitCode.NOT_FOUND));
        runs.add(new Run(List.of("status", "--hub", "http://127.0.0.1:9"), ExitCode.HUB_UNREACHABLE));
        runs.add(new Run(List.of("statsu"), ExitCode.USAGE));
        runs.add(new Run(List.of("add", "x", "-p", "training", "--priority", "soon"), ExitCode.USAGE));
        return runs;
    }
}
