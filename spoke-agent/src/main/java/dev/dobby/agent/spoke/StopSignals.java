package dev.dobby.agent.spoke;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT, counted: the first asks for a drain, any later one for a stop. The JVM's own handling of
 * these signals (run shutdown hooks, exit) would allow only one of the two, so the spoke handles them itself.
 */
final class StopSignals {
    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    /** False if this JVM does not let us handle signals; then SIGTERM just runs the shutdown hooks. */
    static boolean install(Runnable drain, Runnable stop) {
        AtomicInteger received = new AtomicInteger();
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    Runnable action = received.incrementAndGet() == 1 ? drain : stop;
                    Thread.ofPlatform().name("dobby-spoke-SIG" + signal.getName()).start(action);
                });
            }
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            log.warn("cannot handle stop signals here ({}); a signal stops the spoke at once", e.toString());
            return false;
        }
    }
}
