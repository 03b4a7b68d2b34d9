package dev.dobby.cli;

import dev.dobby.hub.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags that say how to run a hub: shared by `dobby start` and `dobby app`, which embeds one. */
public final class HubSettingsOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "A dobby.yaml with hub settings.")
    public Path config;

    @Option(names = "--port", paramLabel = "PORT", description = "Port for the API and dashboard (default 8420).")
    public Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default 127.0.0.1).")
    public String host;

    @Option(names = "--db", paramLabel = "FILE", description = "The SQLite database file.")
    public Path db;

    public ConfigLoader.Flags flags() {
        return new ConfigLoader.Flags(config, port, host, db);
    }
}
