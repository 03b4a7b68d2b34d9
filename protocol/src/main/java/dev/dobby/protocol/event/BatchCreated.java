package dev.dobby.protocol.event;

import java.time.Instant;
import java.util.List;

public record BatchCreated(long seq, Instant at, long batchId, String name, List<Long> taskIds) implements HubEvent {
    public static final String TYPE = "batch.created";

    public BatchCreated {
        taskIds = List.copyOf(taskIds);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public BatchCreated withSeq(long value) {
        return new BatchCreated(value, at, batchId, name, taskIds);
    }
}
