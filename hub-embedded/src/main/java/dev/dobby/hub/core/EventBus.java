package dev.dobby.hub.core;

import dev.dobby.protocol.event.HubEvent;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Hands committed events to live subscribers. Publishing never waits: each subscriber has a bounded queue, and a
 * subscriber that lets it fill up is cut off (it can resume from the store after the last event it saw), so one
 * slow reader never slows the hub.
 */
public final class EventBus {
    public static final int DEFAULT_CAPACITY = 10_000;

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    /** Called by the store's writer after each commit, with the events in sequence order. */
    public void publish(List<HubEvent> events) {
        for (Subscriber subscriber : subscribers) {
            for (HubEvent event : events) {
                if (!subscriber.offer(event)) {
                    break;
                }
            }
        }
    }

    public Subscriber subscribe(Predicate<HubEvent> filter, int capacity) {
        Subscriber subscriber = new Subscriber(filter, capacity);
        subscribers.add(subscriber);
        return subscriber;
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** One reader's queue of live events. */
    public final class Subscriber implements AutoCloseable {
        private final Predicate<HubEvent> filter;
        private final BlockingQueue<HubEvent> queue;
        private volatile boolean overflowed;
        private volatile boolean closed;

        private Subscriber(Predicate<HubEvent> filter, int capacity) {
            this.filter = filter;
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        private boolean offer(HubEvent event) {
            if (closed || overflowed) {
                return false;
            }
            if (!filter.test(event)) {
                return true;
            }
            if (!queue.offer(event)) {
                overflowed = true;
                subscribers.remove(this);
                return false;
            }
            return true;
        }

        /** The next event, or null if none arrives within the wait. */
        public HubEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
            HubEvent ready = queue.poll();
            if (ready != null || overflowed) {
                return ready;
            }
            return queue.poll(timeout, unit);
        }

        /** True once this subscriber fell so far behind that it was cut off. */
        public boolean overflowed() {
            return overflowed && queue.isEmpty();
        }

        @Override
        public void close() {
            closed = true;
            subscribers.remove(this);
        }
    }
}
