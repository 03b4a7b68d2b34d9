package dev.dobby.app.hub;

import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.client.HubHttpClient;

/** A hub elsewhere, reached over HTTP with its key. Dispatch is that hub's business: it cannot be paused here. */
public final class RemoteHub implements HubConnection {
    private final HubHttpClient client;

    private RemoteHub(HubHttpClient client) {
        this.client = client;
    }

    /** Connects and checks that a hub answers with this key (health, then one keyed call). */
    public static HubConnection.Opener attaching(String url, String apiKey) {
        return () -> {
            HubHttpClient client = new HubHttpClient(url, apiKey);
            client.health();
            client.stats();
            return new RemoteHub(client);
        };
    }

    @Override
    public HubApi api() {
        return client;
    }

    @Override
    public String address() {
        return client.baseUrl();
    }

    @Override
    public boolean embedded() {
        return false;
    }

    @Override
    public void pauseDispatch(boolean paused) {
        throw new UnsupportedOperationException("dispatch can be paused only on the hub inside this app");
    }

    @Override
    public boolean dispatchPaused() {
        return false;
    }

    @Override
    public void close() {
        // Nothing to release: HttpURLConnection pools its sockets and the event streams close with the bridge.
    }
}
