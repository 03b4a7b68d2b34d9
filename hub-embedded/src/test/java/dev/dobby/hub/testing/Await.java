package dev.dobby.hub.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition that becomes true asynchronously; fails with the last value seen when it does not. */
public final class Await {
    private Await() {
    }

    public static <T> T until(Supplier<T> probe, Predicate<T> done, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = null;
        while (true) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what
                        + "; last seen: " + last);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }

    public static void until(java.util.function.BooleanSupplier condition, Duration limit, String what) {
        until(condition::getAsBoolean, Boolean::booleanValue, limit, what);
    }
}
