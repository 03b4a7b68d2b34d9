package dev.dobby.agent.runner;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts each agent as the leader of a new session (so its process group id equals its pid) and signals whole
 * groups, so that cancelling a task also stops everything the agent spawned.
 *
 * <p>Java cannot call setsid() between fork and exec, so the command is prefixed with a small launcher that
 * does: util-linux {@code setsid} where present (Linux), otherwise {@code perl}, which every macOS has.
 */
public final class ProcessGroups {
    private static final List<String> LAUNCHER = findLauncher();

    private ProcessGroups() {
    }

    private static List<String> findLauncher() {
        Optional<String> setsid = onPath("setsid");
        if (setsid.isPresent()) {
            return List.of(setsid.get());
        }
        Optional<String> perl = onPath("perl");
        if (perl.isPresent()) {
            return List.of(perl.get(), "-MPOSIX", "-e",
                    "POSIX::setsid(); exec { $ARGV[0] } @ARGV or die \"cannot run $ARGV[0]: $!\\n\"", "--");
        }
        return List.of();
    }

    /** Whether agents get their own process group here; without it only the agent process itself is killed. */
    public static boolean supported() {
        return !LAUNCHER.isEmpty();
    }

    /** {@code argv} prefixed with the launcher that makes it a process-group leader. */
    public static List<String> wrap(List<String> argv) {
        List<String> command = new ArrayList<>(LAUNCHER);
        command.addAll(argv);
        return command;
    }

    /**
     * Stop a process group: SIGTERM, up to {@code grace} for every member to exit, then SIGKILL. Descendants that
     * left the group (a daemon calling setsid itself) are killed too. Returns when the group is gone or killed.
     */
    public static void terminate(ProcessHandle leader, Duration grace) {
        long pgid = leader.pid();
        List<ProcessHandle> descendants = leader.descendants().toList();
        boolean anyInGroup = signalGroup(pgid, "TERM");
        if (leader.isAlive()) {
            leader.destroy();
        } else if (!anyInGroup && descendants.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline) {
            boolean leaderGone = !leader.isAlive();
            boolean descendantsGone = descendants.stream().noneMatch(ProcessHandle::isAlive);
            if (leaderGone && descendantsGone && (!supported() || !groupAlive(pgid))) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        kill(pgid, descendants);
    }

    /** SIGKILL the group and the given stragglers at once. */
    public static void kill(long pgid, List<ProcessHandle> stragglers) {
        signalGroup(pgid, "KILL");
        ProcessHandle.of(pgid).ifPresent(ProcessHandle::destroyForcibly);
        stragglers.forEach(ProcessHandle::destroyForcibly);
    }

    /** SIGKILL a group whose leader may be gone; a pid is not reused while a group still carries it. */
    public static void killGroupIfAlive(long pgid) {
        if (supported() && groupAlive(pgid)) {
            signalGroup(pgid, "KILL");
        }
    }

    /** Whether any process of the group is still alive. */
    public static boolean groupAlive(long pgid) {
        return run(List.of("kill", "-0", "--", "-" + pgid));
    }

    /** True if the signal reached at least one process of the group. */
    private static boolean signalGroup(long pgid, String signal) {
        return supported() && run(List.of("kill", "-" + signal, "--", "-" + pgid));
    }

    private static boolean run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Optional<String> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.isFile() && candidate.canExecute()) {
                return Optional.of(candidate.getAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
