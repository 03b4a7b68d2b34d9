package dev.dobby.hub.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.store.postgres.PostgresServer;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.SpokeProcess;
import dev.dobby.hub.testing.TcpProxy;
import dev.dobby.hub.testing.TeamHubMain;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Routes;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.client.HubHttpClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two team hubs on one PostgreSQL, two spokes given both hubs' addresses, shell tasks that each append their id
 * to a file. The leader is killed with SIGKILL at random moments (and started again, as a standby), and once cut
 * off from the database by a TCP proxy: every task must end completed, every command must have run exactly once.
 * Prints each takeover's time (leader killed → the other hub leads).
 *
 * <p>The default run is short; {@code bench/team-failover.sh} runs it at full size (200 tasks, 20 kills).
 */
class TeamFailoverTest {
    private static final int TASKS = Integer.getInteger("dobby.team.tasks", 30);
    private static final int KILLS = Integer.getInteger("dobby.team.kills", 3);
    private static final String LEASE_S = "3";

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path home;

    private final List<Long> takeoversMs = new ArrayList<>();

    @Test
    void everyTaskEndsOnceThroughLeaderKillsAndAPartition() throws Exception {
        long seed = Long.getLong("dobby.soak.seed", System.nanoTime());
        Random random = new Random(seed);
        String dbUrl = PostgresServer.shared().createDatabase();
        int dbPort = PostgresServer.shared().port();
        Path runs = home.resolve("runs");
        Path project = Files.createDirectories(home.resolve("p"));
        int[] ports = {freePort(), freePort()};
        String urls = "http://127.0.0.1:" + ports[0] + ",http://127.0.0.1:" + ports[1];
        TcpProxy[] links = {new TcpProxy(dbPort), new TcpProxy(dbPort)};
        Process[] hubs = new Process[2];
        List<SpokeProcess> spokes = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                hubs[i] = startHub(i, ports[i], links[i], dbUrl);
            }
            HubHttpClient client = new HubHttpClient(urls, null);
            Await.until(() -> leader(ports) >= 0, Duration.ofSeconds(30), "a hub to lead");
            client.registerProject(new NewProject("p", project.toString(), null,
                    new ProjectPolicy(null, null, 4, null, null)));
            for (String id : List.of("s1", "s2")) {
                spokes.add(SpokeProcess.builder(home.resolve(id), urls, id).maxConcurrent(2).start());
            }
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                ids.add(client.createTask(NewTask.of("sleep 1; echo ok-$DOBBY_TASK_ID >> '" + runs + "'", "p")
                        .withBackend(Backend.SHELL)).id());
            }
            for (int kill = 0; kill < KILLS; kill++) {
                // A few seconds of a settled leader between disruptions: a spoke retries a report for one lease
                // (lease_timeout), and failovers back to back for that long would make it give the report up.
                Thread.sleep(3_000 + random.nextInt(3_000));
                int leader = awaitLeader(ports);
                hubs[leader].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                long killed = System.nanoTime();
                Await.until(() -> leader(ports) == 1 - leader, Duration.ofSeconds(30), "the standby to take over");
                takeoversMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
                hubs[leader] = startHub(leader, ports[leader], links[leader], dbUrl);
            }
            // A partition: the leader loses the database; the standby takes over, the old leader stands by.
            Thread.sleep(3_000 + random.nextInt(3_000));
            int leader = awaitLeader(ports);
            links[leader].cut();
            long cut = System.nanoTime();
            Await.until(() -> leader(ports) == 1 - leader, Duration.ofSeconds(30), "the standby to take over");
            long partitionMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cut);
            links[leader].restore();

            Await.until(() -> ids.stream().allMatch(id -> client.getTask(id).status().isTerminal()),
                    Duration.ofSeconds(120 + TASKS), "every task to end");
            Map<Long, Task> tasks = ids.stream().map(client::getTask)
                    .collect(Collectors.toMap(Task::id, Function.identity()));
            List<String> ran = Files.readAllLines(runs);
            Map<String, Long> runsPerTask = ran.stream().collect(Collectors.groupingBy(l -> l, Collectors.counting()));
            List<Long> sorted = takeoversMs.stream().sorted().toList();
            System.out.printf("team failover (seed %d): %d tasks, %d leader kills, takeover ms p50 %d p99 %d max %d, "
                            + "after a partition %d ms; %d commands run, %d more than once, %d not completed%n",
                    seed, TASKS, KILLS, percentile(sorted, 50), percentile(sorted, 99), sorted.getLast(), partitionMs,
                    ran.size(), runsPerTask.values().stream().filter(n -> n > 1).count(),
                    tasks.values().stream().filter(t -> t.status() != TaskStatus.COMPLETED).count());

            assertThat(tasks.values()).as("seed %d", seed).allSatisfy(t -> assertThat(t.status())
                    .as("task %d (%s)", t.id(), t.statusReason()).isEqualTo(TaskStatus.COMPLETED));
            // Each leader numbers events on from the last one committed: a client replaying from any event it saw
            // misses nothing, whichever hub it reconnects to.
            List<Long> seqs = sequenceNumbers(dbUrl);
            assertThat(seqs).as("events and log lines numbered 1..n without a gap or a repeat")
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, seqs.size()).boxed().toList());
            assertThat(runsPerTask).as("each command ran exactly once (seed %d)", seed)
                    .containsOnlyKeys(ids.stream().map(id -> "ok-" + id).toList())
                    .allSatisfy((line, count) -> assertThat(count).as(line).isEqualTo(1L));
        } finally {
            for (SpokeProcess spoke : spokes) {
                spoke.kill();
            }
            for (Process hub : hubs) {
                if (hub != null) {
                    hub.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            links[0].close();
            links[1].close();
        }
    }

    private static List<Long> sequenceNumbers(String dbUrl) throws java.sql.SQLException {
        String database = dbUrl.substring(dbUrl.lastIndexOf('/') + 1);
        List<Long> seqs = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                PostgresServer.shared().jdbcUrl(database), "dobby", "");
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT seq FROM events UNION ALL SELECT seq FROM log_lines ORDER BY seq")) {
            while (rs.next()) {
                seqs.add(rs.getLong(1));
            }
        }
        return seqs;
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private Process startHub(int index, int port, TcpProxy link, String dbUrl) throws IOException {
        Path hubHome = Files.createDirectories(home.resolve("hub" + index));
        String viaProxy = dbUrl.replace(":" + PostgresServer.shared().port() + "/", ":" + link.port() + "/");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TeamHubMain.class.getName(), hubHome.toString(), Integer.toString(port), viaProxy, LEASE_S)
                .redirectError(ProcessBuilder.Redirect.appendTo(hubHome.resolve("hub.log").toFile()))
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("port ")) {
            process.destroyForcibly();
            throw new IllegalStateException("team hub " + index + " did not start; see " + hubHome.resolve("hub.log"));
        }
        return process;
    }

    /** Which hub leads: the one whose /health is answered rather than redirected; -1 if neither. */
    private static int leader(int[] ports) {
        for (int i = 0; i < ports.length; i++) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + ports[i] + Routes.HEALTH)
                        .toURL().openConnection();
                c.setInstanceFollowRedirects(false);
                c.setConnectTimeout(1_000);
                c.setReadTimeout(2_000);
                if (c.getResponseCode() == 200) {
                    return i;
                }
            } catch (IOException e) {
                // down
            }
        }
        return -1;
    }

    private static int awaitLeader(int[] ports) {
        Await.until(() -> leader(ports) >= 0, Duration.ofSeconds(30), "a hub to lead");
        return leader(ports);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
