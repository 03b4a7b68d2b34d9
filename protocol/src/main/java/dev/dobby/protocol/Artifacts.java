package dev.dobby.protocol;

import java.time.Instant;
import java.util.List;

/** The files kept for a task, each downloadable at {@code /tasks/{id}/artifacts/{path}}. */
public record Artifacts(long taskId, String dir, List<File> files) {
    public Artifacts {
        files = List.copyOf(files);
    }

    public record File(String path, long size, Instant modifiedAt) {
    }
}
