package dev.dobby.bench;

import dev.dobby.hub.Hub;
import dev.dobby.hub.config.HubConfig;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.client.WorkHttpClient;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.Heartbeat;
import dev.dobby.protocol.work.Outcome;
import dev.dobby.protocol.work.WorkerHello;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * How long a waiting spoke takes to get a task: from the moment a task is created (the create call, which commits
 * it) to the moment a spoke's long-poll over HTTP on loopback returns it. Spokes speak the real protocol with
 * {@link WorkHttpClient}: poll, confirm with a heartbeat, finish. Tasks are created one at a time, each after a
 * random pause of 5-20 ms so that every spoke is back waiting, then the percentiles are printed.
 *
 * <p>{@code DispatchLatency [--samples N] [--warmup N] [--spokes N]}
 */
public final class DispatchLatency {
    private DispatchLatency() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, Integer> opts = Args.ints(args, Map.of("samples", 1_000, "warmup", 200, "spokes", 4));
        Path home = Files.createTempDirectory("dobby-bench-dispatch");
        Hub hub = Hub.builder().config(HubConfig.defaults(home).withPort(0).withMaxConcurrentAgents(0)).build().start();
        try {
            Path project = Files.createDirectories(home.resolve("project"));
            hub.api().registerProject(NewProject.of("bench", project.toString()));
            hub.api().updateProject("bench", new ProjectPolicy(null, null, 64, null, null));
            Map<Long, Long> received = new ConcurrentHashMap<>();
            Map<Long, CountDownLatch> arrivals = new ConcurrentHashMap<>();
            for (int i = 0; i < opts.get("spokes"); i++) {
                startSpoke(hub.localUrl().toString(), "bench-" + i, received, arrivals);
            }
            Thread.sleep(500);
            int total = opts.get("warmup") + opts.get("samples");
            long[] micros = new long[opts.get("samples")];
            for (int i = 0; i < total; i++) {
                Thread.sleep(5 + ThreadLocalRandom.current().nextInt(16));
                CountDownLatch arrived = new CountDownLatch(1);
                long start = System.nanoTime();
                long id = hub.api().createTask(NewTask.of("true", "bench").withBackend(Backend.SHELL)).id();
                arrivals.put(id, arrived);
                if (received.containsKey(id)) {
                    arrived.countDown();
                }
                if (!arrived.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("task " + id + " never reached a spoke");
                }
                if (i >= opts.get("warmup")) {
                    micros[i - opts.get("warmup")] = (received.get(id) - start) / 1_000;
                }
            }
            Arrays.sort(micros);
            System.out.printf("dispatch latency over %d tasks, %d spokes waiting (HTTP long-poll on loopback):%n",
                    micros.length, opts.get("spokes"));
            System.out.printf("  p50 %.2f ms   p90 %.2f ms   p99 %.2f ms   max %.2f ms%n", pct(micros, 50),
                    pct(micros, 90), pct(micros, 99), micros[micros.length - 1] / 1000.0);
            long completed = hub.api().stats().byStatus().getOrDefault(TaskStatus.COMPLETED, 0L);
            System.out.println("  tasks completed: " + completed);
        } finally {
            hub.stop();
        }
        System.exit(0);
    }

    private static double pct(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1000.0;
    }

    private static void startSpoke(String url, String id, Map<Long, Long> received,
                                   Map<Long, CountDownLatch> arrivals) {
        WorkHttpClient client = new WorkHttpClient(url, null, (what, failure, wait) ->
                System.err.println(what + ": " + failure.getMessage()));
        client.register(new WorkerHello(id, new Spoke.Capabilities(List.of(Backend.SHELL), List.of(), "bench", 1, 1,
                List.of()), "bench"));
        Thread.ofPlatform().daemon().name(id).start(() -> {
            while (true) {
                Optional<Assignment> next = client.poll(id, Duration.ofSeconds(25));
                if (next.isEmpty()) {
                    continue;
                }
                long now = System.nanoTime();
                Assignment assignment = next.get();
                received.put(assignment.taskId(), now);
                CountDownLatch latch = arrivals.get(assignment.taskId());
                if (latch != null) {
                    latch.countDown();
                }
                client.heartbeat(new Heartbeat(id, List.of(assignment.attempt()), null, false));
                client.finish(assignment.attempt(), new Outcome(TaskStatus.COMPLETED, 0, 0.0, "ok", List.of(), null,
                        null, null, null, null, null, null, null, false, null, false, null, 0));
            }
        });
    }
}
