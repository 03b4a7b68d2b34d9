package dev.dobby.hub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading the pid files test tasks write, and checking those processes. */
public final class Processes {
    private Processes() {
    }

    /**
     * A shell command that records its own pid and a background child's pid in {@code pidFile}, then waits on both:
     * the child stands in for anything an agent spawns.
     */
    public static String sleeperWithChild(Path pidFile, int seconds) {
        return "sleep " + seconds + " & echo $! > '" + pidFile + ".tmp'; echo $$ >> '" + pidFile + ".tmp'; "
                + "mv '" + pidFile + ".tmp' '" + pidFile + "'; echo started; wait";
    }

    public static List<Long> pids(Path pidFile) {
        Await.until(() -> Files.exists(pidFile), java.time.Duration.ofSeconds(10), "pid file " + pidFile);
        try {
            return Files.readAllLines(pidFile).stream().filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.strip()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    public static void awaitAllGone(List<Long> pids, java.time.Duration limit) {
        Await.until(() -> pids.stream().noneMatch(Processes::alive), limit, "processes " + pids + " to exit");
    }
}
