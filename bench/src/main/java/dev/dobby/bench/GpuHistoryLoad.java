package dev.dobby.bench;

import dev.dobby.hub.core.WorkerRegistry;
import dev.dobby.hub.core.gpu.GpuService;
import dev.dobby.hub.core.gpu.JobTracker;
import dev.dobby.hub.store.SpokeRecord;
import dev.dobby.hub.store.sqlite.SqliteStore;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.gpu.GpuProcess;
import dev.dobby.protocol.gpu.GpuReport;
import dev.dobby.protocol.gpu.GpuState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hub's cost of GPU monitoring: N workers with G GPUs each report every 10 s for a simulated day. Each report
 * goes through what the hub does with one arriving over HTTP, less the socket: its JSON is parsed, then
 * {@link GpuService#report} updates the board and the history and reads the worker's tracked jobs from a real
 * SQLite store. Time is simulated (a clock stepped 10 s per round), so a day takes seconds; the figures are the
 * CPU time this thread spent, as a share of one core over the simulated day, and the heap the history holds.
 *
 * <p>{@code GpuHistoryLoad [--workers N] [--gpus G] [--hours H]}
 */
public final class GpuHistoryLoad {
    private GpuHistoryLoad() {
    }

    /** A clock that only moves when told. */
    private static final class SteppedClock extends Clock {
        private volatile Instant now;

        SteppedClock(Instant start) {
            this.now = start;
        }

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, Integer> opts = Args.ints(args, Map.of("workers", 100, "gpus", 8, "hours", 24));
        int workers = opts.get("workers");
        int gpus = opts.get("gpus");
        Duration interval = Duration.ofSeconds(10);
        long rounds = Duration.ofHours(opts.get("hours")).dividedBy(interval);

        Path home = Files.createTempDirectory("dobby-bench-gpus");
        SteppedClock clock = new SteppedClock(Instant.parse("2026-12-01T00:00:00Z"));
        try (SqliteStore store = SqliteStore.open(home.resolve("dobby.db"), events -> { })) {
            WorkerRegistry registry = new WorkerRegistry();
            for (int w = 0; w < workers; w++) {
                registry.put(new SpokeRecord("gpu-" + w, null, false, Spoke.State.ONLINE,
                        new Spoke.Capabilities(List.of(Backend.SHELL), List.of(), "Linux", 64, 8, List.of()),
                        clock.instant(), clock.instant()));
            }
            GpuService service = new GpuService(store, registry, new JobTracker(store, registry, clock, "local"),
                    clock, interval, Duration.ofMinutes(5));

            long heapBefore = usedHeapAfterGc();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            for (long round = 0; round < rounds; round++) {
                for (int w = 0; w < workers; w++) {
                    String json = Json.write(report("gpu-" + w, gpus, round, w, clock.instant()));
                    service.report(Json.read(json, GpuReport.class));
                }
                clock.advance(interval);
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            long wall = System.nanoTime() - wallStart;
            long heapAfter = usedHeapAfterGc();

            double simulated = rounds * interval.toSeconds();
            System.out.printf("%d workers x %d GPUs, a report every %d s, %.0f simulated hours (%d reports)%n",
                    workers, gpus, interval.toSeconds(), simulated / 3600, rounds * workers);
            System.out.printf("CPU: %.1f s for the simulated day = %.3f %% of one core (%.1f µs per report; wall %.1f s)%n",
                    cpu / 1e9, cpu / 1e9 / simulated * 100, cpu / 1e3 / (rounds * workers), wall / 1e9);
            System.out.printf("history: %.1f MB by count (%d GPUs); heap after GC grew %.1f MB%n",
                    service.board().historyBytes() / 1e6, workers * gpus, (heapAfter - heapBefore) / 1e6);
            System.out.printf("(reports include JSON parsing and one SQLite read each; the HTTP exchange is not counted)%n");
        }
    }

    private static GpuReport report(String worker, int gpus, long round, int w, Instant at) {
        List<GpuState> states = new ArrayList<>(gpus);
        for (int g = 0; g < gpus; g++) {
            int util = (int) ((round * 7 + g * 13 + w) % 101);
            long used = 1000 + (round * 97 + g * 1031) % 79000;
            // A training process per busy GPU, the same for an hour, then another.
            List<GpuProcess> processes = util > 20
                    ? List.of(new GpuProcess(10_000 + round / 360, "python", used, (long) (w * 100 + g), null, null))
                    : List.of();
            states.add(new GpuState(g, "NVIDIA H100 80GB HBM3", "GPU-" + w + "-" + g, util, used, 81559, 40 + util / 3,
                    100.0 + util * 5, 700.0, processes, List.of()));
        }
        return new GpuReport(worker, at, null, states, List.of());
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
