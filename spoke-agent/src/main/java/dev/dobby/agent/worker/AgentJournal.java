package dev.dobby.agent.worker;

import dev.dobby.protocol.work.AttemptRef;
import java.time.Instant;

/** Told when an attempt's agent process starts and when the attempt is over, so it can be found after a crash. */
public interface AgentJournal {
    AgentJournal NONE = new AgentJournal() {
        @Override
        public void started(AttemptRef attempt, long pid, Instant processStart) {
        }

        @Override
        public void ended(AttemptRef attempt) {
        }
    };

    void started(AttemptRef attempt, long pid, Instant processStart);

    void ended(AttemptRef attempt);
}
