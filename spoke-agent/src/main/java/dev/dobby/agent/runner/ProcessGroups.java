package dev.dobby.agent.runner;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signals to whole process groups. Every agent is the leader of a group of its own (its supervisor makes it so),
 * so stopping the group also stops everything the agent spawned.
 */
public final class ProcessGroups {
    private ProcessGroups() {
    }

    /**
     * SIGKILL a group whose leader may be gone (what is left of an agent whose supervisor died). The kernel does not
     * hand out a pid again while a group still carries it, so a live group with this id is the agent's own.
     */
    public static void killGroupIfAlive(long pgid) {
        if (groupAlive(pgid)) {
            run(List.of("kill", "-KILL", "--", "-" + pgid));
        }
    }

    /** Whether any process of the group is still alive. */
    public static boolean groupAlive(long pgid) {
        return run(List.of("kill", "-0", "--", "-" + pgid));
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
}
