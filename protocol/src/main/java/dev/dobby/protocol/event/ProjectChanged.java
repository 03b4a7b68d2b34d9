package dev.dobby.protocol.event;

import dev.dobby.protocol.Project;
import java.time.Instant;

/** A project was registered ({@code created}) or its settings changed. */
public record ProjectChanged(long seq, Instant at, Project project, boolean created) implements HubEvent {
    public static final String TYPE = "project.changed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ProjectChanged withSeq(long value) {
        return new ProjectChanged(value, at, project, created);
    }
}
