package dev.dobby.hub.core.gpu;

import dev.dobby.hub.store.GpuHolder;
import dev.dobby.protocol.gpu.GpuHistory;
import dev.dobby.protocol.gpu.GpuProcess;
import dev.dobby.protocol.gpu.GpuReport;
import dev.dobby.protocol.gpu.GpuSeries;
import dev.dobby.protocol.gpu.GpuState;
import dev.dobby.protocol.gpu.WorkerGpus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the hub knows of every worker's GPUs: the last report of each (in memory) and each GPU's history. A
 * worker's data is stale once it has not reported for three sampling intervals.
 */
public final class GpuBoard {
    private final Duration sampleInterval;
    private final Map<String, WorkerEntry> workers = new ConcurrentHashMap<>();

    private static final class WorkerEntry {
        volatile GpuReport last;
        volatile Instant receivedAt;
        volatile String shape = "";
        final Map<Integer, GpuHistoryBuffer> history = new ConcurrentHashMap<>();
    }

    public GpuBoard(Duration sampleInterval) {
        this.sampleInterval = sampleInterval;
    }

    public Duration sampleInterval() {
        return sampleInterval;
    }

    /**
     * Take a worker's report; true when it changed what the GPU views show beyond the figures. A sample that
     * failed keeps the GPUs last seen (for placement; the error is shown with them) and adds no history.
     */
    public boolean report(GpuReport report, Instant now) {
        WorkerEntry entry = workers.computeIfAbsent(report.workerId(), k -> new WorkerEntry());
        GpuReport previous = entry.last;
        if (report.gpus().isEmpty() && report.error() != null && previous != null) {
            report = new GpuReport(report.workerId(), previous.sampledAt(), report.error(), previous.gpus(),
                    report.jobs());
            entry.last = report;
            entry.receivedAt = now;
            String shape = shape(report);
            boolean changed = !shape.equals(entry.shape);
            entry.shape = shape;
            return changed;
        }
        long second = now.getEpochSecond();
        for (GpuState gpu : report.gpus()) {
            GpuHistoryBuffer buffer = entry.history.computeIfAbsent(gpu.index(), k -> new GpuHistoryBuffer());
            buffer.name = gpu.name();
            buffer.memoryTotalMib = gpu.memoryTotalMib();
            buffer.add(second, gpu.utilizationPercent(), gpu.memoryUsedMib());
        }
        entry.last = report;
        entry.receivedAt = now;
        String shape = shape(report);
        boolean changed = !shape.equals(entry.shape);
        entry.shape = shape;
        return changed;
    }

    /** GPUs, their processes (and whose), and whether sampling works: what a redraw is worth. */
    private static String shape(GpuReport report) {
        StringBuilder text = new StringBuilder(Objects.toString(report.error(), "")).append('|');
        for (GpuState gpu : report.gpus()) {
            text.append(gpu.index()).append(gpu.uuid()).append(':');
            for (GpuProcess p : gpu.processes()) {
                text.append(p.pid()).append('/').append(p.taskId()).append(',');
            }
        }
        return text.toString();
    }

    public boolean isStale(String worker, Instant now) {
        WorkerEntry entry = workers.get(worker);
        return entry == null || entry.receivedAt == null
                || entry.receivedAt.plus(sampleInterval.multipliedBy(3)).isBefore(now);
    }

    /** The GPUs a worker last reported (empty when none, or never). */
    public List<GpuState> gpusOf(String worker) {
        WorkerEntry entry = workers.get(worker);
        return entry == null || entry.last == null ? List.of() : entry.last.gpus();
    }

    /** A worker's view, reservations filled in; {@code offline} marks it stale whatever its last report. */
    public WorkerGpus view(String worker, List<GpuHolder> holders, boolean offline, Instant now) {
        WorkerEntry entry = workers.get(worker);
        GpuReport last = entry == null ? null : entry.last;
        List<GpuState> gpus = new ArrayList<>();
        if (last != null) {
            for (GpuState gpu : last.gpus()) {
                List<Long> reservedFor = holders.stream().filter(h -> h.indices().contains(gpu.index()))
                        .map(GpuHolder::taskId).sorted().toList();
                gpus.add(gpu.withReservedFor(reservedFor));
            }
        }
        return new WorkerGpus(worker, last == null ? null : last.sampledAt(), offline || isStale(worker, now),
                last == null ? null : last.error(), gpus);
    }

    public List<String> workers() {
        return workers.keySet().stream().sorted().toList();
    }

    /** The history of every GPU (of {@code worker}, of GPU {@code gpu} when given) since {@code since}. */
    public GpuHistory history(String worker, Integer gpu, Instant since, Instant now) {
        long from = since == null ? 0 : since.getEpochSecond();
        List<GpuSeries> series = new ArrayList<>();
        for (String id : workers()) {
            if (worker != null && !worker.equals(id)) {
                continue;
            }
            WorkerEntry entry = workers.get(id);
            entry.history.entrySet().stream()
                    .filter(e -> gpu == null || e.getKey().equals(gpu))
                    .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                    .forEach(e -> series.add(e.getValue().read(id, e.getKey(), from, now.getEpochSecond())));
        }
        return new GpuHistory(series);
    }

    /** Bytes the history holds, for the benchmark. */
    public long historyBytes() {
        long total = 0;
        for (WorkerEntry entry : workers.values()) {
            for (GpuHistoryBuffer buffer : entry.history.values()) {
                total += buffer.bytes();
            }
        }
        return total;
    }
}
