package dev.dobby.hub.testing;

import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.TeamHub;
import dev.dobby.hub.config.HubConfig;
import dev.dobby.hub.store.postgres.PostgresUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A team hub in its own JVM, for failover tests: {@code TeamHubMain HOME PORT DB_URL LEADER_LEASE_S}. Prints
 * "port N" once it answers (as a standby at first).
 */
public final class TeamHubMain {
    private TeamHubMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        HubConfig config = HubConfig.defaults(Path.of(args[0])).withPort(Integer.parseInt(args[1]))
                .withKillGrace(Duration.ofSeconds(1));
        TeamHub hub = new TeamHub(config, WorkerSettings.fromEnvironment(), PostgresUrl.parse(args[2], Map.of()),
                Duration.ofSeconds(Long.parseLong(args[3]))).start();
        System.out.println("port " + hub.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
