package dev.dobby.protocol.work;

import dev.dobby.protocol.Spoke;
import java.util.List;

/**
 * A worker's sign of life.
 *
 * @param running      the attempts it is running now
 * @param capabilities what it can run now (GPUs change), or null for unchanged
 * @param draining     it finishes what it runs and takes nothing new
 */
public record Heartbeat(String workerId, List<AttemptRef> running, Spoke.Capabilities capabilities, boolean draining) {
    public Heartbeat {
        running = List.copyOf(running);
    }
}
