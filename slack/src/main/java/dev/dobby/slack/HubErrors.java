package dev.dobby.slack;

import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubUnreachableException;

/** Turns a failed hub call into one sentence for the channel. */
final class HubErrors {
    private HubErrors() {
    }

    static String describe(RuntimeException e, String hubUrl) {
        if (e instanceof HubUnreachableException) {
            return ":warning: no hub at " + hubUrl + " — start one with `dobby start` (or point the bot at it with `--hub`).";
        }
        if (e instanceof ApiException api) {
            if (api.status() == 401 || api.status() == 403) {
                return ":warning: the hub at " + hubUrl + " refused the bot's key (" + api.getMessage()
                        + ") — check DOBBY_API_KEY.";
            }
            return ":warning: the hub said: " + api.getMessage();
        }
        return ":warning: something went wrong talking to the hub: " + Redact.tokens(String.valueOf(e.getMessage()));
    }
}
