package dev.dobby.hub.core.webhook;

import dev.dobby.hub.store.Store;
import dev.dobby.hub.store.WebhookRecord;
import dev.dobby.hub.store.WriteTx;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.WebhookDelivery;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.UsageLimitNotice;
import dev.dobby.protocol.event.TaskStatusChanged;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the outside world when tasks end: a JSON POST to the hub's {@code webhook_url} and to the project's own
 * {@code webhook_url}, once per task end (completed, failed, timed_out or stale; a cancel is the user's own doing
 * and is not announced), and once per tracked job that ends ({@code job.ended}, {@code job.failed},
 * {@code job.stopped}).
 *
 * <p>It works from the stored event sequence, after the fact, on its own threads, so it never slows dispatch: each
 * pass reads the events after its saved place, writes one delivery row per task end and target (the row and the
 * new place in one transaction, so a restart neither loses nor repeats one), then sends the pending rows, retrying
 * failures a few times. A delivery cut short by a stop is sent again after the next start.
 */
public final class Webhooks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    static final String CURSOR = "webhooks.after_seq";
    private static final Set<TaskStatus> ANNOUNCED =
            EnumSet.of(TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.TIMED_OUT, TaskStatus.STALE);
    private static final int PAGE = 500;

    private final Store store;
    private final WebhookSender sender;
    private final Clock clock;
    private final String globalUrl;
    private final String hubUrl;
    private final ScheduledExecutorService loop;
    private final ExecutorService sending;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    public Webhooks(Store store, WebhookSender sender, Clock clock, String globalUrl, String hubUrl) {
        this.store = store;
        this.sender = sender;
        this.clock = clock;
        this.globalUrl = blankToNull(globalUrl);
        this.hubUrl = blankToNull(hubUrl);
        this.loop = Executors.newSingleThreadScheduledExecutor(r ->
                Thread.ofPlatform().name("dobby-webhooks").daemon().unstarted(r));
        this.sending = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dobby-webhook-", 0).factory());
    }

    /** Begin: the first start ever takes the current end of the event sequence as its place (no history is sent). */
    public Webhooks start() {
        store.write(tx -> {
            if (tx.hubState(CURSOR).isEmpty()) {
                tx.setHubState(CURSOR, Long.toString(tx.lastSeq()));
            }
            return null;
        });
        loop.scheduleWithFixedDelay(this::pass, 0, 500, TimeUnit.MILLISECONDS);
        return this;
    }

    private void pass() {
        try {
            while (record()) {
                // another page of events
            }
            for (WebhookRecord delivery : store.read(tx -> tx.pendingWebhooks(PAGE))) {
                if (inFlight.add(delivery.id())) {
                    sending.execute(() -> {
                        try {
                            deliver(delivery);
                        } finally {
                            inFlight.remove(delivery.id());
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            log.error("webhook pass failed; will try again", e);
        }
    }

    /** Turn the next page of events into delivery rows; true if there may be more. */
    private boolean record() {
        long after = store.read(tx -> tx.hubState(CURSOR).map(Long::parseLong).orElse(0L));
        List<HubEvent> events = store.read(tx -> tx.events(after, null, false, PAGE));
        if (events.isEmpty()) {
            return false;
        }
        store.write(tx -> {
            long current = tx.hubState(CURSOR).map(Long::parseLong).orElse(0L);
            if (current != after) {
                return null;
            }
            for (HubEvent event : events) {
                if (event instanceof TaskStatusChanged ended && ANNOUNCED.contains(ended.to())) {
                    owe(tx, ended, "task." + ended.to().wire());
                } else if (event instanceof TaskStatusChanged changed) {
                    UsageLimitNotice.of(changed).ifPresent(notice -> owe(tx, changed, notice.event()));
                } else if (event instanceof dev.dobby.protocol.event.JobChanged job && job.job().state().isOver()
                        && job.job().endedAt() != null) {
                    oweJob(tx, job);
                }
            }
            tx.setHubState(CURSOR, Long.toString(events.getLast().seq()));
            return null;
        });
        return events.size() == PAGE;
    }

    private void owe(WriteTx tx, TaskStatusChanged ended, String event) {
        Set<String> targets = new LinkedHashSet<>();
        if (globalUrl != null) {
            targets.add(globalUrl);
        }
        tx.project(ended.project()).map(p -> p.policy()).map(ProjectPolicy::webhookUrl)
                .map(Webhooks::blankToNull).ifPresent(targets::add);
        if (targets.isEmpty()) {
            return;
        }
        Task task = tx.task(ended.taskId()).orElse(null);
        if (task == null) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("seq", ended.seq());
        body.put("at", ended.at());
        body.put("reason", ended.reason());
        body.put("task", task);
        body.put("result", tx.result(task.id()).filter(r -> r.attempt() == ended.attempt()).orElse(null));
        if (hubUrl != null) {
            body.put("url", hubUrl.replaceAll("/+$", "") + "/tasks/" + task.id());
        }
        String payload = Json.write(body);
        Instant now = clock.instant();
        for (String url : targets) {
            tx.insertWebhook(ended.seq(), task.id(), event, url, payload, WebhookDelivery.State.PENDING, null, now);
        }
    }

    /** A tracked job ended: "job.ended", "job.failed" or "job.stopped", with its outcome and log tail. */
    private void oweJob(WriteTx tx, dev.dobby.protocol.event.JobChanged changed) {
        var job = changed.job();
        Set<String> targets = new LinkedHashSet<>();
        if (globalUrl != null) {
            targets.add(globalUrl);
        }
        Task task = job.taskId() == null ? null : tx.task(job.taskId()).orElse(null);
        if (task != null) {
            tx.project(task.project()).map(p -> p.policy()).map(ProjectPolicy::webhookUrl)
                    .map(Webhooks::blankToNull).ifPresent(targets::add);
        }
        if (targets.isEmpty()) {
            return;
        }
        String event = "job." + job.state().wire();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("seq", changed.seq());
        body.put("at", changed.at());
        body.put("job", job);
        body.put("task", task);
        if (hubUrl != null && task != null) {
            body.put("url", hubUrl.replaceAll("/+$", "") + "/tasks/" + task.id());
        }
        String payload = Json.write(body);
        Instant now = clock.instant();
        for (String url : targets) {
            tx.insertWebhook(changed.seq(), task == null ? 0 : task.id(), event, url, payload,
                    WebhookDelivery.State.PENDING, null, now);
        }
    }

    private void deliver(WebhookRecord delivery) {
        WebhookSender.Outcome outcome = sender.send(delivery.url(), delivery.payload(), delivery.event(),
                delivery.id(), delivery.attempts(), tries -> store.write(tx -> {
                    tx.updateWebhook(delivery.id(), WebhookDelivery.State.PENDING, tries.attempts(), tries.httpStatus(),
                            tries.error(), clock.instant());
                    return null;
                }));
        if (outcome == null) {
            return;
        }
        store.write(tx -> {
            tx.updateWebhook(delivery.id(), outcome.state(), outcome.attempts(), outcome.httpStatus(), outcome.error(),
                    clock.instant());
            return null;
        });
        if (outcome.state() != WebhookDelivery.State.DELIVERED) {
            log.warn("webhook for task {} ({}) {}: {}", delivery.taskId(), delivery.event(), outcome.state().wire(),
                    outcome.error());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Stop sending; deliveries not finished stay pending for the next start. */
    @Override
    public void close() {
        loop.shutdownNow();
        sending.shutdownNow();
        try {
            loop.awaitTermination(2, TimeUnit.SECONDS);
            sending.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
