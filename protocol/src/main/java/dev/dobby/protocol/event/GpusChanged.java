package dev.dobby.protocol.event;

import dev.dobby.protocol.gpu.WorkerGpus;
import java.time.Instant;

/**
 * A worker's GPUs changed in a way worth redrawing: a GPU or process came or went, a reservation was made or
 * released, sampling failed or recovered, the data went stale; otherwise at most once a minute.
 */
public record GpusChanged(long seq, Instant at, WorkerGpus gpus) implements HubEvent {
    public static final String TYPE = "gpus.changed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public GpusChanged withSeq(long value) {
        return new GpusChanged(value, at, gpus);
    }
}
