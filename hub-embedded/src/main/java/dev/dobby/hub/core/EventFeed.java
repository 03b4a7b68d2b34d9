package dev.dobby.hub.core;

import dev.dobby.hub.store.Store;
import dev.dobby.protocol.HubApi.EventFilter;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskLog;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One reader's view of the event sequence: first the stored history after where it left off, then live events,
 * without gaps or repeats. It subscribes before reading history, so an event committed in between arrives both
 * ways and is dropped the second time by its sequence number. A reader too slow for the live queue is cut off by
 * the bus; the feed then catches up from the store again, so the reader loses nothing and the hub waits for no one.
 */
public final class EventFeed implements AutoCloseable {
    private static final int PAGE = 500;

    private final Store store;
    private final EventBus bus;
    private final EventFilter filter;
    private final Predicate<HubEvent> matcher;
    private final Deque<HubEvent> backlog = new ArrayDeque<>();
    private EventBus.Subscriber live;
    private long position;
    private boolean caughtUp;

    public EventFeed(Store store, EventBus bus, EventFilter filter) {
        this.store = store;
        this.bus = bus;
        this.filter = filter;
        this.matcher = matcher(filter);
        // A stream from "now" starts at the last event stored before subscribing, then looks in the store once:
        // an event committed while it subscribes is neither lost (as it was when "now" was read after subscribing
        // and the live copy was then skipped as already seen) nor sent twice (live copies are skipped by seq).
        Long now = filter.afterSeq() == null && filter.taskId() == null ? store.read(tx -> tx.lastSeq()) : null;
        this.live = bus.subscribe(matcher, EventBus.DEFAULT_CAPACITY);
        if (filter.afterSeq() != null) {
            position = filter.afterSeq();
        } else if (filter.taskId() != null) {
            position = 0;
        } else {
            position = now;
        }
    }

    private static Predicate<HubEvent> matcher(EventFilter filter) {
        return event -> {
            if (filter.taskId() != null) {
                return filter.taskId().equals(event.subjectTask());
            }
            return filter.includeLogs() || !(event instanceof TaskLog);
        };
    }

    /** The sequence number of the last event handed out. */
    public long position() {
        return position;
    }

    /** The next event, or null if none came within the wait. */
    public HubEvent next(long timeout, TimeUnit unit) throws InterruptedException {
        while (true) {
            if (!backlog.isEmpty()) {
                return advance(backlog.removeFirst());
            }
            if (!caughtUp) {
                List<HubEvent> page = store.read(tx -> tx.events(position, filter.taskId(),
                        filter.taskId() != null || filter.includeLogs(), PAGE));
                if (page.isEmpty()) {
                    caughtUp = true;
                } else {
                    backlog.addAll(page);
                }
                continue;
            }
            HubEvent event = live.poll(timeout, unit);
            if (event == null) {
                if (live.overflowed()) {
                    live.close();
                    live = bus.subscribe(matcher, EventBus.DEFAULT_CAPACITY);
                    caughtUp = false;
                    continue;
                }
                return null;
            }
            if (event.seq() > position) {
                return advance(event);
            }
        }
    }

    private HubEvent advance(HubEvent event) {
        position = Math.max(position, event.seq());
        return event;
    }

    @Override
    public void close() {
        live.close();
    }
}
