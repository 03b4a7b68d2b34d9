package dev.dobby.slack;

import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.SlackThread;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.UsageLimitNotice;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskStatusChanged;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in its Slack thread when a task queued from Slack ends. Which thread belongs to which task is kept in the
 * hub, so a restarted bot still reports tasks queued before the restart: at start, and every
 * {@link #SWEEP} after, it reports those that ended while nobody listened. The hub marks each end reported once,
 * so two bot processes (or a sweep and an event) never post it twice.
 */
public final class CompletionNotifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CompletionNotifier.class);
    static final Duration SWEEP = Duration.ofMinutes(1);

    private final HubApi hub;
    private final SlackOut slack;
    private final StatusDigest digest;
    private final ScheduledExecutorService replies = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .daemon().name("dobby-slack-notifier").factory());
    private volatile HubApi.Subscription subscription;

    public CompletionNotifier(HubApi hub, SlackOut slack, StatusDigest digest) {
        this.hub = hub;
        this.slack = slack;
        this.digest = digest;
    }

    public void start() {
        subscription = hub.subscribe(HubApi.EventFilter.hub(), new HubApi.EventListener() {
            @Override
            public void onEvent(HubEvent event) {
                if (event instanceof TaskStatusChanged changed && changed.to().isTerminal()) {
                    replies.execute(() -> report(changed.taskId()));
                } else if (event instanceof TaskStatusChanged changed) {
                    UsageLimitNotice.of(changed).ifPresent(notice -> replies.execute(() -> notice(changed, notice)));
                }
            }

            @Override
            public void onClose(Throwable error) {
                if (error != null) {
                    log.warn("the hub's event stream ended: {}; task endings are looked for every {} s instead",
                            Redact.tokens(error.getMessage()), SWEEP.toSeconds());
                }
            }
        });
        replies.scheduleWithFixedDelay(this::sweep, 0, SWEEP.toSeconds(), TimeUnit.SECONDS);
    }

    /** Report the end of {@code task} in this thread; if it has already ended, report it now. */
    public void watch(Task task, String channel, String threadTs, String requester, String requesterName) {
        try {
            hub.putSlackThread(new SlackThread(task.id(), channel, threadTs, requester, requesterName, null, null));
        } catch (RuntimeException e) {
            // The task is queued all the same; only its end will not be said in Slack.
            log.warn("could not record the thread of task {}: {}", task.id(), Redact.tokens(e.getMessage()));
            return;
        }
        // The task may have ended before it was watched (a quick shell task): look once more.
        replies.execute(() -> {
            try {
                if (hub.getTask(task.id()).status().isTerminal()) {
                    report(task.id());
                }
            } catch (RuntimeException e) {
                log.debug("could not look at task {}: {}", task.id(), e.getMessage());
            }
        });
    }

    /** Tasks that ended while the bot was away or the event stream was down. */
    void sweep() {
        try {
            for (SlackThread thread : hub.unreportedSlackThreads()) {
                if (hub.getTask(thread.taskId()).status().isTerminal()) {
                    report(thread.taskId());
                }
            }
        } catch (RuntimeException e) {
            log.debug("could not look for ended tasks: {}", Redact.tokens(e.getMessage()));
        }
    }

    private Optional<SlackThread> thread(long taskId) {
        try {
            return Optional.of(hub.slackThread(taskId));
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A watched task started waiting for a usage limit, or resumed after one: said in its thread. */
    private void notice(TaskStatusChanged changed, UsageLimitNotice notice) {
        try {
            thread(changed.taskId()).ifPresent(place -> slack.post(place.channel(), place.threadTs(),
                    notice == UsageLimitNotice.WAITING
                            ? ":hourglass_flowing_sand: #" + changed.taskId() + " is waiting: " + changed.reason()
                            : ":arrow_forward: #" + changed.taskId() + " resumed its agent's session after the limit"));
        } catch (RuntimeException e) {
            log.warn("could not post a notice for task {}: {}", changed.taskId(), Redact.tokens(e.getMessage()));
        }
    }

    private void report(long taskId) {
        try {
            Optional<SlackThread> place = thread(taskId);
            if (place.isEmpty() || place.get().notifiedAt() != null) {
                return;
            }
            Task task = hub.getTask(taskId);
            TaskResult result = null;
            try {
                result = hub.result(taskId);
            } catch (ApiException noResult) {
                // cancelled before it ran: no result to show
            }
            try {
                hub.markSlackThreadReported(taskId);
            } catch (ApiException e) {
                if (e.status() == 409) {
                    return;
                }
                throw e;
            }
            slack.post(place.get().channel(), place.get().threadTs(), digest.ended(task, result));
        } catch (RuntimeException e) {
            log.warn("could not report the end of task {}: {}", taskId, Redact.tokens(e.getMessage()));
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        replies.shutdownNow();
    }
}
