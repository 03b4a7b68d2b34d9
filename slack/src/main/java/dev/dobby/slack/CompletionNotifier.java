package dev.dobby.slack;

import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.UsageLimitNotice;
import dev.dobby.protocol.event.TaskStatusChanged;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the hub's event stream and, when a task queued from Slack ends, says so in the thread it was queued from.
 * What it watches is in memory: after a restart of the bot, tasks queued earlier end without a message.
 */
public final class CompletionNotifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CompletionNotifier.class);

    private record Place(String channel, String threadTs) {
    }

    private final HubApi hub;
    private final SlackOut slack;
    private final StatusDigest digest;
    private final Map<Long, Place> watched = new ConcurrentHashMap<>();
    // Threads of tasks queued from Slack, kept after the task ends: the long jobs it started end later.
    private final Map<Long, Place> threads = new ConcurrentHashMap<>();
    private final ExecutorService replies = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
            .name("dobby-slack-notifier").factory());
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
                if (event instanceof TaskStatusChanged changed && changed.to().isTerminal()
                        && watched.containsKey(changed.taskId())) {
                    replies.execute(() -> report(changed.taskId()));
                } else if (event instanceof dev.dobby.protocol.event.JobChanged job && job.job().state().isOver()
                        && job.job().endedAt() != null && job.job().taskId() != null
                        && threads.containsKey(job.job().taskId())) {
                    replies.execute(() -> jobEnded(job.job()));
                } else if (event instanceof TaskStatusChanged changed && watched.containsKey(changed.taskId())) {
                    UsageLimitNotice.of(changed).ifPresent(notice ->
                            replies.execute(() -> notice(changed, notice)));
                }
            }

            @Override
            public void onClose(Throwable error) {
                if (error != null) {
                    log.warn("the hub's event stream ended: {}; task endings will not be reported",
                            Redact.tokens(error.getMessage()));
                }
            }
        });
    }

    /** Report the end of {@code task} in this thread; if it has already ended, report it now. */
    public void watch(Task task, String channel, String threadTs) {
        watched.put(task.id(), new Place(channel, threadTs));
        threads.put(task.id(), new Place(channel, threadTs));
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

    /** A watched task started waiting for a usage limit, or resumed after one: said in its thread. */
    private void notice(TaskStatusChanged changed, UsageLimitNotice notice) {
        Place place = watched.get(changed.taskId());
        if (place == null) {
            return;
        }
        String text = notice == UsageLimitNotice.WAITING
                ? ":hourglass_flowing_sand: #" + changed.taskId() + " is waiting: " + changed.reason()
                : ":arrow_forward: #" + changed.taskId() + " resumed its agent's session after the limit";
        try {
            slack.post(place.channel(), place.threadTs(), text);
        } catch (RuntimeException e) {
            log.warn("could not post a notice for task {}: {}", changed.taskId(), Redact.tokens(e.getMessage()));
        }
    }

    /** A long job the task started has ended: its outcome and the last lines of its log, in the task's thread. */
    private void jobEnded(dev.dobby.protocol.gpu.TrackedJob job) {
        Place place = threads.get(job.taskId());
        StringBuilder text = new StringBuilder(job.state() == dev.dobby.protocol.gpu.TrackedJob.State.FAILED
                ? ":x: " : ":checkered_flag: ").append(job.title()).append(' ').append(job.state().wire())
                .append(" on ").append(job.worker());
        if (job.exitCode() != null) {
            text.append(" (exit ").append(job.exitCode()).append(')');
        }
        if (!job.logTail().isEmpty()) {
            List<String> tail = job.logTail().subList(Math.max(0, job.logTail().size() - 5), job.logTail().size());
            text.append("\n```").append(String.join("\n", tail)).append("```");
        }
        try {
            slack.post(place.channel(), place.threadTs(), text.toString());
        } catch (RuntimeException e) {
            log.warn("could not post the end of {}: {}", job.title(), Redact.tokens(e.getMessage()));
        }
    }

    private void report(long taskId) {
        Place place = watched.remove(taskId);
        if (place == null) {
            return;
        }
        try {
            Task task = hub.getTask(taskId);
            TaskResult result = null;
            try {
                result = hub.result(taskId);
            } catch (ApiException noResult) {
                // cancelled before it ran: no result to show
            }
            slack.post(place.channel(), place.threadTs(), digest.ended(task, result));
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
