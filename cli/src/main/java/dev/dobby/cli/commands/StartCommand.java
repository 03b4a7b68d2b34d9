package dev.dobby.cli.commands;

import dev.dobby.hub.Hub;
import dev.dobby.hub.TeamHub;
import dev.dobby.hub.store.postgres.PostgresUrl;
import dev.dobby.hub.config.ConfigLoader;
import dev.dobby.hub.config.HubConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import dev.dobby.cli.HubSettingsOptions;
import picocli.CommandLine.Mixin;

@Command(name = "start",
        description = "Run the hub in the foreground: queue, API, dashboard and the local worker.",
        footer = {"",
                "Settings come from --config (dobby.yaml), ./.env, DOBBY_* variables and these flags; flags win.",
                "Data lives in DOBBY_HOME (default ~/.dobby).",
                "",
                "Examples:",
                "  dobby start",
                "  dobby start --port 9000 --db /tmp/dobby.db",
                "  DOBBY_API_KEY=$(openssl rand -hex 24) dobby start --host 0.0.0.0"})
public final class StartCommand implements Callable<Integer> {
    @Mixin
    HubSettingsOptions settings;

    @Override
    public Integer call() throws InterruptedException {
        ConfigLoader.Loaded loaded = ConfigLoader.load(settings.flags(), System.getenv(),
                Path.of("").toAbsolutePath());
        loaded.warnings().forEach(w -> System.err.println("dobby: " + w));
        HubConfig config = loaded.config();
        if (loaded.dbUrl() != null) {
            return startTeamHub(loaded);
        }
        Hub hub = Hub.builder().config(config).worker(loaded.worker()).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.stop();
            stopped.countDown();
        }, "dobby-shutdown"));
        String url = hub.localUrl().toString();
        System.out.println("Dobby hub running at " + url + "  (dashboard: " + url + "/dashboard)");
        System.out.println("Data: " + config.dbPath() + "   Press Ctrl-C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** A hub on PostgreSQL, leading or standing by (docs/team-hub.md). */
    private static Integer startTeamHub(ConfigLoader.Loaded loaded) throws InterruptedException {
        PostgresUrl database;
        try {
            database = PostgresUrl.parse(loaded.dbUrl(), System.getenv());
        } catch (IllegalArgumentException e) {
            throw new dev.dobby.hub.config.ConfigException(e.getMessage());
        }
        TeamHub team = new TeamHub(loaded.config(), loaded.worker(), database, TeamHub.DEFAULT_LEASE).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            team.close();
            stopped.countDown();
        }, "dobby-shutdown"));
        System.out.println("Dobby team hub at " + team.localUrl() + " on " + database
                + " (it serves once it leads; until then it points clients at the leader). Press Ctrl-C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
