package dev.dobby.app.fx;

import dev.dobby.hub.config.ConfigException;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubUnreachableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failure into one sentence a person can act on: no stack traces in the window. */
public final class Problems {
    private Problems() {
    }

    public static String describe(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof ApiException api) {
            return api.getMessage();
        }
        if (e instanceof HubUnreachableException || e instanceof ConfigException) {
            return e.getMessage();
        }
        if (e instanceof IllegalArgumentException && e.getMessage() != null) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (root instanceof java.net.BindException) {
            return "the port is already in use" + (message == null ? "" : " (" + message + ")")
                    + ": is another hub running? Attach to it, or start with a different --port";
        }
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
