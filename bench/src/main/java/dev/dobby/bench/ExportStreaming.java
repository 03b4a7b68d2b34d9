package dev.dobby.bench;

import dev.dobby.hub.Hub;
import dev.dobby.hub.config.HubConfig;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.ExportFormat;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.client.HubHttpClient;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * GET /export over real HTTP from a real hub holding {@code --tasks} tasks: rows and MB per second, and the peak
 * heap while it runs. Each task has a brief of about 1 KB. Run it with a small heap ({@code -Xmx}) to see that the
 * export is streamed: the CSV of 100,000 tasks is larger than the heap it is produced in.
 *
 * <pre>java -Xmx64m ... dev.dobby.bench.ExportStreaming [--tasks N] [--format csv|json]</pre>
 */
public final class ExportStreaming {
    /** About 1 KB, with the quotes, commas and line breaks CSV has to quote: the size of a real agent brief. */
    private static final String BRIEF = ("Refactor the \"billing\" module: split invoices, credits and refunds into"
            + " their own packages, keep the public API, and run the tests.\nReport what changed, file by file.\n")
            .repeat(5);

    private ExportStreaming() {
    }

    public static void main(String[] args) throws IOException {
        int tasks = 100_000;
        ExportFormat format = ExportFormat.CSV;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tasks" -> tasks = Integer.parseInt(args[++i]);
                case "--format" -> format = ExportFormat.fromWire(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path home = Files.createTempDirectory("dobby-export-bench");
        Path project = Files.createDirectories(home.resolve("p"));
        Hub hub = Hub.builder().config(HubConfig.defaults(home).withPort(0).withMaxConcurrentAgents(0))
                .automaticTicks(false).build().start();
        try {
            hub.api().registerProject(NewProject.of("p", project.toString()));
            long filling = System.nanoTime();
            for (int done = 0; done < tasks; done += 1000) {
                List<NewBatch.Entry> entries = new ArrayList<>();
                for (int k = 0; k < Math.min(1000, tasks - done); k++) {
                    entries.add(new NewBatch.Entry(null, "task " + (done + k) + ": " + BRIEF, "p", null,
                            Backend.SHELL, null, List.of(), null, null, null));
                }
                hub.api().createBatch(new NewBatch(null, entries));
            }
            System.out.printf(Locale.ROOT, "queued %d tasks in %.1f s%n", tasks, (System.nanoTime() - filling) / 1e9);

            HubHttpClient client = new HubHttpClient(hub.localUrl().toString(), null);
            System.gc();
            resetPeaks();
            Counting out = new Counting();
            long start = System.nanoTime();
            client.export(format, null, out);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "exported %d tasks as %s: %.1f MB in %.2f s (%.0f tasks/s, %.1f MB/s)%n",
                    tasks, format.wire(), out.bytes / 1e6, seconds, tasks / seconds, out.bytes / 1e6 / seconds);
            System.out.printf(Locale.ROOT, "heap: max %d MB, peak used during the export %d MB%n",
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), peakHeap() / (1024 * 1024));
        } finally {
            hub.stop();
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Counts what the export writes and throws it away. */
    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
