package dev.dobby.hub.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.TeamHub;
import dev.dobby.hub.config.HubConfig;
import dev.dobby.hub.store.postgres.LeaderLease;
import dev.dobby.hub.store.postgres.PostgresServer;
import dev.dobby.hub.store.postgres.PostgresStore;
import dev.dobby.hub.store.postgres.PostgresUrl;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Routes;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.client.HubHttpClient;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two hubs on one PostgreSQL database: one leads, the other points clients at it and takes over when it goes. */
class LeadershipTest {
    @TempDir
    Path dir;

    private final PostgresUrl database = PostgresServer.url(PostgresServer.shared().createDatabase());

    @Test
    void aLeaseThatRunsOutPassesToAStandbyWithAHigherEpochAndTheOldLeaderCanNoLongerWrite() throws Exception {
        try (LeaderLease first = new LeaderLease(database, "a", "http://a", Duration.ofSeconds(1));
             LeaderLease second = new LeaderLease(database, "b", "http://b", Duration.ofSeconds(1))) {
            long epoch = first.tryAcquire().orElseThrow();
            assertThat(second.tryAcquire()).isEmpty();
            assertThat(second.leader()).get().extracting(LeaderLease.Leader::url).isEqualTo("http://a");

            PostgresStore stale = PostgresStore.open(database, LeaderLease.fence(epoch), events -> { });
            try {
                stale.write(tx -> {
                    tx.insertProject(new Project("alpha", "/tmp/alpha", null, ProjectPolicy.DEFAULT, Instant.now()),
                            Instant.now());
                    return null;
                });
                Thread.sleep(1_300);
                Optional<Long> taken = second.tryAcquire();
                assertThat(taken).contains(epoch + 1);
                assertThat(first.renew(epoch)).isFalse();
                assertThatThrownBy(() -> stale.write(tx -> {
                    tx.insertProject(new Project("beta", "/tmp/beta", null, ProjectPolicy.DEFAULT, Instant.now()),
                            Instant.now());
                    return null;
                })).isInstanceOf(LeaderLease.NotLeaderException.class).hasMessageContaining("no longer leads");
                java.util.List<Project> projects = stale.read(tx -> tx.projects());
                assertThat(projects).extracting(Project::name).containsExactly("alpha");
            } finally {
                stale.close();
            }
        }
    }

    @Test
    void aStandbyPointsClientsAtTheLeaderAndTakesOverWhenItStops() throws Exception {
        TeamHub first = teamHub("a").start();
        awaitLeader(first);
        TeamHub second = teamHub("b").start();
        try {
            String leader = first.localUrl().toString();
            String standby = second.localUrl().toString();
            assertThat(second.isLeader()).isFalse();

            // A standby that has just started may not have read the lease yet: it answers 503 then too, naming no
            // leader, until its first look at the lease.
            String named = awaitNamedLeader(standby);
            assertThat(named).isEqualTo(leader);

            HttpURLConnection get = (HttpURLConnection) URI.create(standby + Routes.TASKS).toURL().openConnection();
            get.setInstanceFollowRedirects(false);
            assertThat(get.getResponseCode()).isEqualTo(307);
            assertThat(get.getHeaderField("Location")).isEqualTo(leader + Routes.TASKS);

            // A client given both addresses, the standby first, reaches the leader.
            HubHttpClient client = new HubHttpClient(standby + "," + leader, null);
            Files.createDirectories(dir.resolve("repo"));
            client.registerProject(NewProject.of("shop", dir.resolve("repo").toString()));
            Task created = client.createTask(NewTask.of("echo hello", "shop"));
            assertThat(client.baseUrl()).isEqualTo(leader);

            first.close();
            long stopped = System.nanoTime();
            awaitLeader(second);
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(15));
            assertThat(second.epoch()).isGreaterThan(1);

            // The same client moves to the new leader, which has everything the old one wrote.
            assertThat(client.getTask(created.id()).description()).isEqualTo("echo hello");
            assertThat(client.baseUrl()).isEqualTo(standby);
        } finally {
            second.close();
            first.close();
        }
    }

    private TeamHub teamHub(String name) {
        HubConfig config = HubConfig.defaults(dir.resolve(name)).withPort(0);
        return new TeamHub(config, WorkerSettings.fromEnvironment(), database, Duration.ofSeconds(2));
    }

    private static void awaitLeader(TeamHub hub) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!hub.isLeader()) {
            assertThat(System.nanoTime()).as("the hub took the lead in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** POSTs to the standby until its 503 names a leader; every answer on the way must be a 503. */
    private static String awaitNamedLeader(String standby) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (true) {
            HttpURLConnection post = (HttpURLConnection) URI.create(standby + Routes.TASKS).toURL().openConnection();
            post.setRequestMethod("POST");
            post.setDoOutput(true);
            post.getOutputStream().write("{}".getBytes());
            assertThat(post.getResponseCode()).isEqualTo(503);
            String named = post.getHeaderField(Routes.LEADER_HEADER);
            if (named != null || System.nanoTime() > deadline) {
                return named;
            }
            Thread.sleep(100);
        }
    }
}
