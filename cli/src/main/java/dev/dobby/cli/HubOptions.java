package dev.dobby.cli;

import dev.dobby.protocol.client.HubHttpClient;
import picocli.CommandLine.Option;

/** Where the hub is and how to authenticate; shared by every command that talks to a hub. */
public final class HubOptions {
    @Option(names = "--hub", paramLabel = "URL", defaultValue = "${env:DOBBY_URL}",
            description = "The hub's address, or a team's hubs separated by commas (default: DOBBY_URL, else "
                    + HubHttpClient.DEFAULT_URL + ").")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:DOBBY_API_KEY}",
            description = "The hub's API key (default: DOBBY_API_KEY).")
    String apiKey;

    private HubHttpClient client;

    /** The address given with --hub or DOBBY_URL; null when neither was. */
    public String url() {
        return url;
    }

    /** The key given with --api-key or DOBBY_API_KEY; null when neither was. */
    public String apiKey() {
        return apiKey;
    }

    public HubHttpClient client() {
        if (client == null) {
            client = new HubHttpClient(url, apiKey);
        }
        return client;
    }
}
