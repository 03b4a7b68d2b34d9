package dev.dobby.hub.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test moves; give it to {@code Hub.builder().clock(...)}. {@link #frozen} stands still between steps.
 * {@link #running} also follows real time from its start, for tests where the hub's long polls must end (they end
 * when the hub's clock passes their deadline) while the big jumps still come from the test.
 */
public final class SteppedClock extends Clock {
    private final AtomicReference<Instant> base;
    private final boolean running;
    private final long startNanos = System.nanoTime();

    private SteppedClock(Instant start, boolean running) {
        this.base = new AtomicReference<>(start);
        this.running = running;
    }

    public static SteppedClock frozen(Instant start) {
        return new SteppedClock(start, false);
    }

    public static SteppedClock running(Instant start) {
        return new SteppedClock(start, true);
    }

    public Instant step(Duration by) {
        base.updateAndGet(t -> t.plus(by));
        return instant();
    }

    /** Move to {@code value} (for a running clock: real time goes on from there). */
    public void set(Instant value) {
        base.set(running ? value.minus(elapsed()) : value);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public Instant instant() {
        return running ? base.get().plus(elapsed()) : base.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
