package dev.dobby.app.hub;

import dev.dobby.hub.Hub;
import dev.dobby.protocol.HubApi;
import java.util.function.Supplier;

/** A hub running in this process, reached through its in-process {@link HubApi}. */
public final class EmbeddedHub implements HubConnection {
    private final Hub hub;

    private EmbeddedHub(Hub hub) {
        this.hub = hub;
    }

    /** Builds and starts the hub; the caller is on a background thread. */
    public static HubConnection.Opener starting(Supplier<Hub.Builder> builder) {
        return () -> new EmbeddedHub(builder.get().build().start());
    }

    public Hub hub() {
        return hub;
    }

    @Override
    public HubApi api() {
        return hub.api();
    }

    @Override
    public String address() {
        return hub.localUrl().toString();
    }

    @Override
    public boolean embedded() {
        return true;
    }

    @Override
    public void pauseDispatch(boolean paused) {
        hub.pauseDispatch(paused);
    }

    @Override
    public boolean dispatchPaused() {
        return hub.isDispatchPaused();
    }

    @Override
    public void close() {
        hub.stop();
    }
}
