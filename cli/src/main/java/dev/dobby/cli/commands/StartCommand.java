package dev.dobby.cli.commands;

import dev.dobby.hub.Hub;
import dev.dobby.hub.config.ConfigLoader;
import dev.dobby.hub.config.HubConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
    @Option(names = "--config", paramLabel = "FILE", description = "A dobby.yaml with hub settings.")
    Path config;

    @Option(names = "--port", paramLabel = "PORT", description = "Port for the API and dashboard (default 8420).")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default 127.0.0.1).")
    String host;

    @Option(names = "--db", paramLabel = "FILE", description = "The SQLite database file.")
    Path db;

    @Override
    public Integer call() throws InterruptedException {
        ConfigLoader.Loaded loaded = ConfigLoader.load(new ConfigLoader.Flags(config, port, host, db), System.getenv(),
                Path.of("").toAbsolutePath());
        loaded.warnings().forEach(w -> System.err.println("dobby: " + w));
        HubConfig settings = loaded.config();
        Hub hub = Hub.builder().config(settings).worker(loaded.worker()).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.stop();
            stopped.countDown();
        }, "dobby-shutdown"));
        String url = hub.localUrl().toString();
        System.out.println("Dobby hub running at " + url + "  (dashboard: " + url + "/dashboard)");
        System.out.println("Data: " + settings.dbPath() + "   Press Ctrl-C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
