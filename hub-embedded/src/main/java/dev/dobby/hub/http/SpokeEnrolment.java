package dev.dobby.hub.http;

import dev.dobby.hub.config.HubConfig;
import dev.dobby.hub.core.Tokens;
import dev.dobby.protocol.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may register a spoke: whoever presents the hub's {@code spoke_token} or its {@code api_key}, or (checked by
 * the caller) a single-use enrolment token minted for that spoke id, or the last credential that id was issued. A hub with
 * neither listens on loopback only (it refuses other addresses without a key), and there anyone on this machine
 * may register, as they may use the rest of the API.
 */
final class SpokeEnrolment {
    private final List<String> tokens = new ArrayList<>();

    SpokeEnrolment(HubConfig config) {
        if (config.hasSpokeToken()) {
            tokens.add(config.spokeToken());
        }
        if (config.hasApiKey()) {
            tokens.add(config.apiKey());
        }
    }

    void check(String presented) {
        check(presented, () -> false);
    }

    /** As {@link #check(String)}, also letting in what {@code alsoAccepted} vouches for (asked only if needed). */
    void check(String presented, java.util.function.BooleanSupplier alsoAccepted) {
        if (tokens.isEmpty()) {
            return;
        }
        if (presented == null) {
            throw new ApiException(401, "this hub needs an enrolment token to register a spoke"
                    + " (its spoke_token or api_key: dobby agent --token, or DOBBY_SPOKE_TOKEN)");
        }
        boolean match = false;
        for (String token : tokens) {
            // Every token is compared, so the time taken does not say which one came close.
            match |= Tokens.matches(token, presented);
        }
        if (!match && !alsoAccepted.getAsBoolean()) {
            throw new ApiException(401, "wrong enrolment token");
        }
    }
}
