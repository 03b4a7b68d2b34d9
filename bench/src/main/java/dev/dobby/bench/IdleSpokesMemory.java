package dev.dobby.bench;

import dev.dobby.hub.Hub;
import dev.dobby.hub.config.HubConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The hub's memory with many idle spokes long-polling it. A hub starts in this JVM with nothing connected; its heap
 * after a full GC and its resident set are measured; then {@link IdleSpokeFleet} starts N spokes in another JVM
 * (real HTTP on loopback: register, long-poll, heartbeat) and, once they have polled and heartbeated for a while,
 * the same figures are measured again. The difference is what N idle spokes cost the hub.
 *
 * <p>{@code IdleSpokesMemory [--spokes N] [--settle SECONDS]}
 */
public final class IdleSpokesMemory {
    private IdleSpokesMemory() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, Integer> opts = Args.ints(args, Map.of("spokes", 1_000, "settle", 60));
        Path home = Files.createTempDirectory("dobby-bench-idle");
        Hub hub = Hub.builder().config(HubConfig.defaults(home).withPort(0).withMaxConcurrentAgents(0)).build().start();
        Process fleet = null;
        try {
            Thread.sleep(5_000);
            Sample idle = Sample.take();
            System.out.println("idle hub:            " + idle);

            String java = ProcessHandle.current().info().command().orElse("java");
            fleet = new ProcessBuilder(List.of(java, "-Xss256k", "-Dhttp.maxConnections=5000",
                    "-cp", System.getProperty("java.class.path"), IdleSpokeFleet.class.getName(),
                    hub.localUrl().toString(), Integer.toString(opts.get("spokes"))))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(fleet.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("ready")) {
                throw new IllegalStateException("the spoke fleet did not start");
            }
            long online = hub.api().spokes().stream().filter(s -> !s.local()).count();
            System.out.println("spokes registered:   " + online);
            Thread.sleep(opts.get("settle") * 1000L);
            Sample loaded = Sample.take();
            System.out.println("with " + opts.get("spokes") + " idle spokes: " + loaded);
            System.out.printf("difference:          heap %+.1f MB, resident %+.1f MB, platform threads %+d%n",
                    (loaded.heap - idle.heap) / 1e6, (loaded.resident - idle.resident) / 1e6, loaded.threads - idle.threads);
            // What stays once the spokes are gone (their records, events, caches) versus what their connections cost.
            fleet.destroyForcibly();
            fleet.waitFor();
            Thread.sleep(35_000); // their last polls expire after the poll wait
            Sample after = Sample.take();
            System.out.println("after they left:     " + after);
            System.out.printf("  of which open polls and connections: heap %.1f MB; what the hub keeps: heap %.1f MB%n",
                    (loaded.heap - after.heap) / 1e6, (after.heap - idle.heap) / 1e6);
        } finally {
            if (fleet != null) {
                fleet.destroyForcibly();
            }
            hub.stop();
        }
        System.exit(0);
    }

    /** Heap used after full GCs (the smallest of three), resident set size, live platform threads. */
    private record Sample(long heap, long resident, int threads) {
        static Sample take() throws Exception {
            long heap = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(500);
                heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
            return new Sample(heap, rss(), ManagementFactory.getThreadMXBean().getThreadCount());
        }

        private static long rss() throws Exception {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return -1;
        }

        @Override
        public String toString() {
            return String.format("heap %.1f MB, resident %.1f MB, platform threads %d", heap / 1e6, resident / 1e6,
                    threads);
        }
    }
}
