package dev.dobby.bench;

import dev.dobby.hub.Hub;
import dev.dobby.hub.config.HubConfig;
import dev.dobby.hub.store.postgres.PostgresStore;
import dev.dobby.hub.store.postgres.PostgresUrl;
import dev.dobby.hub.store.sqlite.JdbiStore;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.client.HubHttpClient;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hub's two headline figures, on a real hub over loopback HTTP with a real SQLite file:
 * <ol>
 *   <li>submissions per second sustained through POST /tasks by concurrent clients (the local worker off, so
 *       nothing competes with the API for the CPU);</li>
 *   <li>latency from POST /tasks to the local worker's agent process running its first command: a trivial shell
 *       task writes its id into a FIFO that this program reads, one task at a time.</li>
 * </ol>
 * Usage: {@code bench/bench-run.sh HubThroughput [--tasks N] [--clients N] [--latency-runs N]
 * [--submit-db postgresql://… --latency-db postgresql://…]}: with the two empty databases, on PostgreSQL instead
 * of SQLite ({@code bench/team-store.sh} runs both).
 */
public final class HubThroughput {
    public static void main(String[] args) throws Exception {
        int tasks = intArg(args, "--tasks", 20_000);
        int clients = intArg(args, "--clients", 8);
        int runs = intArg(args, "--latency-runs", 300);
        System.out.printf("cpus %d, java %s%n", Runtime.getRuntime().availableProcessors(), Runtime.version());
        String submitDb = textArg(args, "--submit-db");
        String latencyDb = textArg(args, "--latency-db");
        System.out.println("store: " + (submitDb == null ? "SQLite" : "PostgreSQL"));
        submissions(tasks, clients, submitDb);
        latency(runs, latencyDb);
    }

    /** A hub on the SQLite file in its home, or on the PostgreSQL database given. */
    private static Hub hub(HubConfig config, String dbUrl) {
        Hub.Builder builder = Hub.builder().config(config);
        if (dbUrl != null) {
            PostgresUrl url = PostgresUrl.parse(dbUrl, System.getenv());
            builder.store((c, publisher) -> PostgresStore.open(url, JdbiStore.Fence.NONE, publisher));
        }
        return builder.build().start();
    }

    private static String textArg(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }

    private static void submissions(int tasks, int clients, String dbUrl) throws Exception {
        Path home = Files.createTempDirectory("dobby-bench-submit");
        try (Hub hub = hub(HubConfig.defaults(home).withPort(0).withMaxConcurrentAgents(0), dbUrl)) {
            HubHttpClient client = new HubHttpClient(hub.localUrl().toString(), null);
            client.registerProject(NewProject.of("bench", Files.createDirectories(home.resolve("p")).toString()));
            NewTask task = NewTask.of("echo hello", "bench").withBackend(Backend.SHELL);
            // Warm up the JIT and the connection pool.
            runClients(client, task, 2_000, clients);
            long start = System.nanoTime();
            runClients(client, task, tasks, clients);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("submissions: %d tasks by %d clients in %.2f s = %.0f tasks/s%n", tasks, clients, seconds,
                    tasks / seconds);
        }
    }

    private static void runClients(HubHttpClient client, NewTask task, int total, int clients) throws Exception {
        AtomicLong left = new AtomicLong(total);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            done.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    client.createTask(task);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private static void latency(int runs, String dbUrl) throws Exception {
        Path home = Files.createTempDirectory("dobby-bench-latency");
        // Outside the hub's home, which the hub owns and may look through.
        Path fifo = Files.createTempDirectory("dobby-bench-fifo").resolve("started.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IllegalStateException("mkfifo failed");
        }
        try (Hub hub = hub(HubConfig.defaults(home).withPort(0).withMaxConcurrentAgents(1), dbUrl)) {
            HubHttpClient client = new HubHttpClient(hub.localUrl().toString(), null);
            client.registerProject(NewProject.of("bench", Files.createDirectories(home.resolve("p")).toString()));
            NewTask task = NewTask.of("echo $DOBBY_TASK_ID > '" + fifo + "'", "bench").withBackend(Backend.SHELL);
            long[] micros = new long[runs];
            for (int i = -20; i < runs; i++) {
                long start = System.nanoTime();
                long id = client.createTask(task).id();
                try (BufferedReader in = Files.newBufferedReader(fifo)) {
                    String line = in.readLine();
                    if (line == null || Long.parseLong(line.strip()) != id) {
                        throw new IllegalStateException("expected task " + id + " in the FIFO, got " + line);
                    }
                    long elapsed = (System.nanoTime() - start) / 1_000;
                    if (i >= 0) {
                        micros[i] = elapsed;
                    }
                    // Read on to the end: the writer must have closed the FIFO before the next task's reader opens
                    // it, or that reader joins this writer and sees its end of file instead of the next task's id.
                    while (in.readLine() != null) {
                        // nothing more is written
                    }
                }
            }
            Arrays.sort(micros);
            System.out.printf("submit -> agent process running: %d tasks, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    runs, micros[runs / 2] / 1000.0, micros[runs * 9 / 10] / 1000.0, micros[runs * 99 / 100] / 1000.0,
                    micros[runs - 1] / 1000.0);
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
