package dev.dobby.app.hub;

import dev.dobby.protocol.HubApi;

/**
 * The hub the app shows: one running inside the app, or one it attached to over HTTP. Either way the views see
 * only {@link HubApi}.
 */
public interface HubConnection extends AutoCloseable {

    HubApi api();

    /** Where the hub answers, for the status bar ("http://127.0.0.1:8420"). */
    String address();

    /** Whether this app runs the hub (and so can pause its dispatch and stop it). */
    boolean embedded();

    /** Pause or resume starting tasks; only for an embedded hub. */
    void pauseDispatch(boolean paused);

    boolean dispatchPaused();

    /** Stop the embedded hub gracefully, or just let go of a remote one. */
    @Override
    void close();

    /** Opens a connection; may take a while (starting a hub), so it never runs on the FX thread. */
    @FunctionalInterface
    interface Opener {
        HubConnection open();
    }
}
