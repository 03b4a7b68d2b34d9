package dev.dobby.protocol.gpu;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.dobby.protocol.Wire;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A long job a task started (a training run in the background, a Slurm job) that its worker polls until it ends.
 *
 * @param detail   what the last poll said ("running", "Slurm: COMPLETED", "process 123 is gone")
 * @param exitCode how it ended, where that can be known (Slurm's accounting); null otherwise
 * @param gpuMemoryMib GPU memory its processes held at the last poll
 * @param gpus     indices of the GPUs its processes were on at the last poll
 * @param logTail  the last lines of its log file
 */
public record TrackedJob(long id, Long taskId, String worker, Kind kind, Long pid, String slurmJob, String logPath,
                         String label, State state, String detail, Integer exitCode, Long gpuMemoryMib,
                         List<Integer> gpus, List<String> logTail, boolean stopRequested, Instant createdAt,
                         Instant polledAt, Instant endedAt) {
    public TrackedJob {
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        logTail = logTail == null ? List.of() : List.copyOf(logTail);
    }

    public enum Kind {
        PROCESS, SLURM, LOG;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind fromWire(String value) {
            return Wire.parse(Kind.class, value, "job kind");
        }
    }

    public enum State {
        RUNNING, ENDED, FAILED, STOPPED;

        public boolean isOver() {
            return this != RUNNING;
        }

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static State fromWire(String value) {
            return Wire.parse(State.class, value, "job state");
        }
    }

    /** "job 3 (process 1234, train.py)" */
    public String title() {
        String what = switch (kind) {
            case SLURM -> "Slurm job " + slurmJob;
            case PROCESS -> "process " + pid;
            case LOG -> "the writer of " + logPath;
        };
        return "job " + id + " (" + what + (label == null ? "" : ", " + label) + ")";
    }
}
