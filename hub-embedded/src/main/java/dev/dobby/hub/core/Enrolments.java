package dev.dobby.hub.core;

import dev.dobby.hub.store.Store;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Enrolment;
import dev.dobby.protocol.NewEnrolment;
import java.time.Clock;
import java.time.Instant;

/**
 * Single-use enrolment tokens, one per spoke id, for servers that should not hold the hub's api_key or
 * spoke_token (dobby deploy writes one into the new server's cloud-init). The hub keeps their hash only.
 */
public final class Enrolments {
    private final Store store;
    private final Clock clock;

    public Enrolments(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Enrolment mint(NewEnrolment request) {
        if (request == null) {
            throw ApiException.badRequest("an enrolment needs a JSON body with spoke_id");
        }
        String spokeId = Validate.name(request.spokeId(), "spoke_id");
        int ttl = Validate.range(request.ttl(), 60, NewEnrolment.MAX_TTL, NewEnrolment.DEFAULT_TTL, "ttl");
        String token = Tokens.random();
        Instant now = clock.instant();
        Instant expires = now.plusSeconds(ttl);
        store.write(tx -> {
            tx.insertEnrolmentToken(Tokens.sha256(token), spokeId, now, expires);
            return null;
        });
        return new Enrolment(token, spokeId, expires);
    }

    /** Spend {@code token} for {@code spokeId} if it is a live, unused enrolment token of that id. */
    public boolean redeem(String spokeId, String token) {
        if (spokeId == null || token == null) {
            return false;
        }
        return store.write(tx -> tx.spendEnrolmentToken(Tokens.sha256(token), spokeId, clock.instant()));
    }
}
