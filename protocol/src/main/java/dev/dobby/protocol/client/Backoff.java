package dev.dobby.protocol.client;

import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubUnreachableException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter, for calls to a hub that may be briefly away: each failure doubles the
 * ceiling (from {@code first} up to {@code max}) and the actual wait is a random point below it, so a fleet of
 * spokes that lost the hub together does not come back together. Not thread-safe; one per retry loop.
 */
public final class Backoff {
    private final long firstMillis;
    private final long maxMillis;
    private long ceiling;

    public Backoff(Duration first, Duration max) {
        this.firstMillis = Math.max(1, first.toMillis());
        this.maxMillis = Math.max(firstMillis, max.toMillis());
    }

    /** 250 ms doubling to 30 s: what the spoke uses unless a test wants it faster. */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));
    }

    /** How long to wait before the next try. */
    public Duration next() {
        ceiling = ceiling == 0 ? firstMillis : Math.min(ceiling * 2, maxMillis);
        // Never less than a quarter of the ceiling, so a long outage does not turn into a tight loop.
        long floor = ceiling / 4;
        return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
    }

    /** A fresh backoff with the same bounds. */
    public Backoff copy() {
        return new Backoff(Duration.ofMillis(firstMillis), Duration.ofMillis(maxMillis));
    }

    /** A call went through: start from the bottom again. */
    public void reset() {
        ceiling = 0;
    }

    /**
     * Whether trying again later may help: no answer at all, or an answer that says "not now" (408, 429, any
     * 5xx). Other 4xx mean the request itself is wrong and repeating it changes nothing.
     */
    public static boolean isTransient(RuntimeException e) {
        if (e instanceof HubUnreachableException) {
            return true;
        }
        if (e instanceof ApiException api) {
            return api.status() == 408 || api.status() == 429 || api.status() >= 500;
        }
        return false;
    }

    /** Sleep {@code wait}; false if interrupted (the interrupt flag is kept). */
    public static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
