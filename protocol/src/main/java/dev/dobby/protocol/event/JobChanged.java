package dev.dobby.protocol.event;

import dev.dobby.protocol.gpu.TrackedJob;
import java.time.Instant;

/** A tracked job was registered, changed state (ended, failed, stopped) or was asked to stop. */
public record JobChanged(long seq, Instant at, TrackedJob job) implements HubEvent {
    public static final String TYPE = "job.changed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Long subjectTask() {
        return job.taskId();
    }

    @Override
    public JobChanged withSeq(long value) {
        return new JobChanged(value, at, job);
    }
}
