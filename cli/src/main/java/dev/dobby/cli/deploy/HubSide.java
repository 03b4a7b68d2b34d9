package dev.dobby.cli.deploy;

import dev.dobby.cli.CliException;
import dev.dobby.cli.ExitCode;
import dev.dobby.protocol.Routes;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.client.HubHttpClient;
import java.util.Map;
import java.util.Optional;

/** What deploying asks of the hub: its public address, its spoke jar's checksum, and its spokes. */
final class HubSide {
    static final String EXPOSE_HINT = "a new server must reach the hub, but its hub_url is not set. Expose the hub"
            + " (a tunnel such as `cloudflared tunnel --url http://127.0.0.1:8420`, or a reverse proxy with TLS),"
            + " give it an api_key, and set hub_url (DOBBY_HUB_URL) to the public address, then start it again";

    private final HubHttpClient hub;

    HubSide(HubHttpClient hub) {
        this.hub = hub;
    }

    /** The hub's public address; refuses, with how to set one, when it has none. */
    @SuppressWarnings("unchecked")
    String publicUrl() {
        Map<String, Object> config = hub.send("GET", "/dashboard/config", null, Map.class);
        Object url = config.get("hub_url");
        if (url == null || url.toString().isBlank()) {
            throw new CliException(ExitCode.REFUSED, EXPOSE_HINT);
        }
        return url.toString().strip();
    }

    String jarSha256() {
        String text = hub.getRaw(Routes.SPOKE_JAR_SHA256);
        return text.strip().split("\\s+")[0];
    }

    Optional<Spoke> spoke(String id) {
        return hub.spokes().stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
