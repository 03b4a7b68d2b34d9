package dev.dobby.protocol.gpu;

import java.util.List;

/** {@code GET /gpus/history}: a series per GPU asked for. */
public record GpuHistory(List<GpuSeries> series) {
    public GpuHistory {
        series = series == null ? List.of() : List.copyOf(series);
    }
}
