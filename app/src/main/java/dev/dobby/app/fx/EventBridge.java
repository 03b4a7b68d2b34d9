package dev.dobby.app.fx;

import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.HubApi.EventFilter;
import dev.dobby.protocol.event.HubEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way live events reach the UI. It holds two subscriptions — the whole hub (no log lines), and the task
 * the user is looking at (with its log lines and history) — gathers what arrives, and hands it to the UI in
 * batches, at most once per {@code interval}. A burst of a thousand log lines costs one UI update, not a thousand.
 * A stream that breaks is resumed after the last event seen, so nothing is lost or repeated.
 */
public final class EventBridge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventBridge.class);
    private static final Duration RESUBSCRIBE_DELAY = Duration.ofSeconds(1);

    /** What the UI receives: hub-wide events, and the followed task's events since the last batch. */
    public record Batch(List<HubEvent> hub, Long taskId, List<HubEvent> task, boolean taskReset) {
        public Batch {
            hub = List.copyOf(hub);
            task = List.copyOf(task);
        }
    }

    public interface Listener {
        void onEvents(Batch batch);
    }

    private final HubApi api;
    private final Executor ui;
    private final long intervalNanos;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().name("dobby-app-events").daemon().unstarted(r));
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    // All guarded by lock.
    private final List<HubEvent> hubPending = new ArrayList<>();
    private final List<HubEvent> taskPending = new ArrayList<>();
    private boolean resetPending;
    private Long followed;
    private long generation;
    private long lastHubSeq = -1;
    private long hubGeneration;
    private long lastTaskSeq;
    private boolean flushScheduled;
    private long lastFlush;
    private long batches;
    private HubApi.Subscription hubSubscription;
    private HubApi.Subscription taskSubscription;
    private boolean closed;

    public EventBridge(HubApi api, Executor ui, Duration interval) {
        this.api = api;
        this.ui = ui;
        this.intervalNanos = interval.toNanos();
        this.lastFlush = System.nanoTime() - intervalNanos;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Start the hub-wide stream (live events from now on). {@code onSubscribed} runs on the UI executor once the
     * stream is open: a view that reads the hub then misses nothing in between.
     */
    public void start(Runnable onSubscribed) {
        scheduler.execute(() -> {
            subscribeHub();
            ui.execute(onSubscribed);
        });
    }

    /**
     * The hub answers again after it was unreachable: open its streams afresh (a stream that the dying hub ended
     * cleanly would not reopen by itself, and a restarted hub may number its events anew). {@code onSubscribed}
     * runs on the UI executor once the stream is open, for the views to reload what they missed.
     */
    public void reconnect(Runnable onSubscribed) {
        HubApi.Subscription old;
        Long task;
        synchronized (lock) {
            if (closed) {
                return;
            }
            hubGeneration++;
            lastHubSeq = -1;
            old = hubSubscription;
            hubSubscription = null;
            task = followed;
        }
        scheduler.execute(() -> {
            if (old != null) {
                old.close();
            }
            subscribeHub();
            ui.execute(onSubscribed);
        });
        if (task != null) {
            follow(task);
        }
    }

    /** Stream this task's events (its whole history first), or none when {@code taskId} is null. */
    public void follow(Long taskId) {
        long gen;
        synchronized (lock) {
            if (closed) {
                return;
            }
            gen = ++generation;
            followed = taskId;
            lastTaskSeq = 0;
            taskPending.clear();
            resetPending = true;
            scheduleFlush();
        }
        scheduler.execute(() -> subscribeTask(gen, taskId, null));
    }

    public Long followed() {
        synchronized (lock) {
            return followed;
        }
    }

    /** How many batches went to the UI so far. */
    public long batches() {
        synchronized (lock) {
            return batches;
        }
    }

    private void subscribeHub() {
        EventFilter filter;
        long gen;
        synchronized (lock) {
            if (closed) {
                return;
            }
            gen = hubGeneration;
            filter = lastHubSeq < 0 ? EventFilter.hub() : EventFilter.hub().after(lastHubSeq);
        }
        try {
            HubApi.Subscription subscription = api.subscribe(filter, new HubApi.EventListener() {
                @Override
                public void onEvent(HubEvent event) {
                    synchronized (lock) {
                        if (gen != hubGeneration) {
                            return;  // a stream that reconnect() replaced
                        }
                        lastHubSeq = Math.max(lastHubSeq, event.seq());
                        hubPending.add(event);
                        scheduleFlush();
                    }
                }

                @Override
                public void onClose(Throwable error) {
                    synchronized (lock) {
                        if (gen != hubGeneration) {
                            return;
                        }
                    }
                    if (error != null) {
                        log.warn("hub event stream ended ({}); resuming", error.getMessage());
                        resubscribe(EventBridge.this::subscribeHub);
                    }
                }
            });
            synchronized (lock) {
                if (closed || gen != hubGeneration) {
                    subscription.close();
                } else {
                    hubSubscription = subscription;
                }
            }
        } catch (RuntimeException e) {
            synchronized (lock) {
                if (gen != hubGeneration) {
                    return;
                }
            }
            log.warn("cannot stream hub events ({}); trying again", e.getMessage());
            resubscribe(this::subscribeHub);
        }
    }

    private void subscribeTask(long gen, Long taskId, Long after) {
        synchronized (lock) {
            if (closed || gen != generation) {
                return;
            }
            if (taskSubscription != null) {
                taskSubscription.close();
                taskSubscription = null;
            }
        }
        if (taskId == null) {
            return;
        }
        EventFilter filter = after == null ? EventFilter.task(taskId) : EventFilter.task(taskId).after(after);
        try {
            HubApi.Subscription subscription = api.subscribe(filter, new HubApi.EventListener() {
                @Override
                public void onEvent(HubEvent event) {
                    synchronized (lock) {
                        if (gen != generation) {
                            return;
                        }
                        lastTaskSeq = Math.max(lastTaskSeq, event.seq());
                        taskPending.add(event);
                        scheduleFlush();
                    }
                }

                @Override
                public void onClose(Throwable error) {
                    if (error != null) {
                        resubscribe(() -> {
                            long resumeAt;
                            synchronized (lock) {
                                resumeAt = lastTaskSeq;
                            }
                            subscribeTask(gen, taskId, resumeAt);
                        });
                    }
                }
            });
            synchronized (lock) {
                if (closed || gen != generation) {
                    subscription.close();
                } else {
                    taskSubscription = subscription;
                }
            }
        } catch (RuntimeException e) {
            log.warn("cannot stream task {} events ({}); trying again", taskId, e.getMessage());
            resubscribe(() -> subscribeTask(gen, taskId, after));
        }
    }

    private void resubscribe(Runnable again) {
        synchronized (lock) {
            if (closed) {
                return;
            }
        }
        scheduler.schedule(again, RESUBSCRIBE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    // Called with lock held.
    private void scheduleFlush() {
        if (flushScheduled || closed) {
            return;
        }
        flushScheduled = true;
        long wait = Math.max(0, lastFlush + intervalNanos - System.nanoTime());
        scheduler.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
    }

    private void flush() {
        Batch batch;
        synchronized (lock) {
            flushScheduled = false;
            lastFlush = System.nanoTime();
            if (closed || hubPending.isEmpty() && taskPending.isEmpty() && !resetPending) {
                return;
            }
            batch = new Batch(hubPending, followed, taskPending, resetPending);
            hubPending.clear();
            taskPending.clear();
            resetPending = false;
            batches++;
        }
        ui.execute(() -> {
            for (Listener listener : listeners) {
                try {
                    listener.onEvents(batch);
                } catch (RuntimeException e) {
                    log.error("a view failed to take live events", e);
                }
            }
        });
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (hubSubscription != null) {
                hubSubscription.close();
            }
            if (taskSubscription != null) {
                taskSubscription.close();
            }
        }
        scheduler.shutdownNow();
    }
}
