package dev.dobby.protocol.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * A change the hub announces. Every event carries its place in the hub's single sequence ({@code seq}): SSE
 * streams send it as the event id and resume after it. Readers ignore event types they do not know, which
 * arrive as {@link UnknownEvent}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = UnknownEvent.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = TaskCreated.class, name = TaskCreated.TYPE),
        @JsonSubTypes.Type(value = TaskStatusChanged.class, name = TaskStatusChanged.TYPE),
        @JsonSubTypes.Type(value = TaskUpdated.class, name = TaskUpdated.TYPE),
        @JsonSubTypes.Type(value = TaskLog.class, name = TaskLog.TYPE),
        @JsonSubTypes.Type(value = TaskFinished.class, name = TaskFinished.TYPE),
        @JsonSubTypes.Type(value = TaskProgress.class, name = TaskProgress.TYPE),
        @JsonSubTypes.Type(value = ProjectChanged.class, name = ProjectChanged.TYPE),
        @JsonSubTypes.Type(value = BatchCreated.class, name = BatchCreated.TYPE),
        @JsonSubTypes.Type(value = SpokeChanged.class, name = SpokeChanged.TYPE),
        @JsonSubTypes.Type(value = DispatchPaused.class, name = DispatchPaused.TYPE),
        @JsonSubTypes.Type(value = GpusChanged.class, name = GpusChanged.TYPE),
        @JsonSubTypes.Type(value = JobChanged.class, name = JobChanged.TYPE),
})
public sealed interface HubEvent
        permits TaskCreated, TaskStatusChanged, TaskUpdated, TaskLog, TaskFinished, TaskProgress, ProjectChanged, BatchCreated,
        SpokeChanged, DispatchPaused, GpusChanged, JobChanged, UnknownEvent {

    long seq();

    Instant at();

    /** The name on the wire, also the SSE event name. */
    @JsonIgnore
    String type();

    /** The task this event is about, if any: per-task streams carry only these. */
    @JsonIgnore
    default Long subjectTask() {
        return null;
    }

    /** The same event placed at {@code seq} in the hub's sequence. */
    HubEvent withSeq(long seq);
}
