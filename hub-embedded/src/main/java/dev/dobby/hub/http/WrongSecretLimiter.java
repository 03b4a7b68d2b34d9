package dev.dobby.hub.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down guessing of the API key, the dashboard sign-in and spoke credentials: a client address that presented
 * {@link #MAX_FAILURES} wrong secrets within {@link #WINDOW} gets 429 for every further wrong one until the oldest
 * of them is a window old. A missing secret does not count (a browser's first, key-less requests are not guesses).
 * A right secret is never held up: spokes behind the same address as a guesser (one NAT, one misconfigured
 * machine) would otherwise drop offline for the whole window.
 */
final class WrongSecretLimiter {
    static final int MAX_FAILURES = 20;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Beyond this many addresses the stale ones are dropped first; a flood from fresh addresses is not stored. */
    private static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final Map<String, ArrayDeque<Instant>> failures = new HashMap<>();

    WrongSecretLimiter(Clock clock) {
        this.clock = clock;
    }

    /** How long the address must wait before it may present a secret again; empty when it may now. */
    synchronized Optional<Duration> waitFor(String address) {
        ArrayDeque<Instant> recent = failures.get(address);
        if (recent == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        forgetOld(recent, now);
        if (recent.isEmpty()) {
            failures.remove(address);
            return Optional.empty();
        }
        if (recent.size() < MAX_FAILURES) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, recent.peekFirst().plus(WINDOW)));
    }

    synchronized void failed(String address) {
        Instant now = clock.instant();
        if (!failures.containsKey(address) && failures.size() >= MAX_ADDRESSES) {
            failures.values().forEach(recent -> forgetOld(recent, now));
            failures.values().removeIf(ArrayDeque::isEmpty);
            if (failures.size() >= MAX_ADDRESSES) {
                return;
            }
        }
        ArrayDeque<Instant> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        forgetOld(recent, now);
        recent.addLast(now);
        while (recent.size() > MAX_FAILURES) {
            recent.removeFirst();
        }
    }

    private static void forgetOld(ArrayDeque<Instant> recent, Instant now) {
        Instant horizon = now.minus(WINDOW);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
            recent.removeFirst();
        }
    }
}
