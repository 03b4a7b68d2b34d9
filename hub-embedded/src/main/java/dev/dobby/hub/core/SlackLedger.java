package dev.dobby.hub.core;

import dev.dobby.hub.store.Store;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.AssistantCall;
import dev.dobby.protocol.AssistantCosts;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.SlackPreview;
import dev.dobby.protocol.SlackThread;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What the Slack bot keeps in the hub so that it survives a restart of the bot: its pending previews and the thread
 * each task was asked for in. Also the ledger of Dobby's own language-model calls. The hub does not read the
 * previews' tasks: they are the bot's, stored as given (bounded in size).
 */
public final class SlackLedger {
    static final int MAX_PREVIEW_BYTES = 64 * 1024;
    /** Previews nobody reacted to are forgotten after this long, whatever age the bot lets them reach. */
    static final Duration FORGET_PREVIEWS_AFTER = Duration.ofDays(90);
    private static final int SLACK_ID = 64;

    private final Store store;
    private final Clock clock;

    public SlackLedger(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public SlackPreview putPreview(SlackPreview preview) {
        if (preview == null) {
            throw ApiException.badRequest("a preview is required");
        }
        String channel = Validate.requireText(preview.channel(), "channel", SLACK_ID);
        String ts = Validate.requireText(preview.ts(), "ts", SLACK_ID);
        String thread = Validate.requireText(preview.threadTs(), "thread_ts", SLACK_ID);
        String user = Validate.optionalText(preview.user(), "user", SLACK_ID);
        if (preview.tasks() == null || preview.tasks().isNull()) {
            throw ApiException.badRequest("tasks is required");
        }
        if (Json.write(preview.tasks()).getBytes(StandardCharsets.UTF_8).length > MAX_PREVIEW_BYTES) {
            throw ApiException.badRequest("tasks is larger than " + MAX_PREVIEW_BYTES / 1024 + " KiB");
        }
        return store.write(tx -> {
            tx.deleteSlackPreviewsBefore(clock.instant().minus(FORGET_PREVIEWS_AFTER));
            var created = tx.slackPreview(channel, ts).map(SlackPreview::createdAt).orElse(clock.instant());
            SlackPreview stored = new SlackPreview(channel, ts, thread, user, preview.tasks(), created);
            tx.putSlackPreview(stored);
            return stored;
        });
    }

    public SlackPreview preview(String channel, String ts, String threadTs) {
        if (channel == null || (ts == null) == (threadTs == null)) {
            throw ApiException.badRequest("give channel and either ts or thread");
        }
        return store.read(tx -> ts != null ? tx.slackPreview(channel, ts) : tx.slackPreviewInThread(channel, threadTs))
                .orElseThrow(() -> ApiException.notFound("no pending preview there"));
    }

    public SlackPreview takePreview(String channel, String ts) {
        return store.write(tx -> {
            SlackPreview preview = tx.slackPreview(channel, ts)
                    .orElseThrow(() -> ApiException.notFound("no pending preview at " + channel + "/" + ts));
            tx.deleteSlackPreview(channel, ts);
            return preview;
        });
    }

    public SlackThread putThread(SlackThread thread) {
        if (thread == null) {
            throw ApiException.badRequest("a thread is required");
        }
        String channel = Validate.requireText(thread.channel(), "channel", SLACK_ID);
        String ts = Validate.requireText(thread.threadTs(), "thread_ts", SLACK_ID);
        String requester = Validate.optionalText(thread.requester(), "requester", SLACK_ID);
        String name = Validate.optionalText(thread.requesterName(), "requester_name", 200);
        return store.write(tx -> {
            tx.task(thread.taskId()).orElseThrow(() -> ApiException.notFound("no task " + thread.taskId()));
            SlackThread stored = new SlackThread(thread.taskId(), channel, ts, requester, name, clock.instant(), null);
            tx.putSlackThread(stored);
            return stored;
        });
    }

    public List<SlackThread> unreported() {
        return store.read(tx -> tx.unreportedSlackThreads(500));
    }

    public SlackThread thread(long taskId) {
        return store.read(tx -> tx.slackThread(taskId))
                .orElseThrow(() -> ApiException.notFound("task " + taskId + " was not asked for in Slack"));
    }

    public SlackThread markReported(long taskId) {
        return store.write(tx -> {
            tx.slackThread(taskId).orElseThrow(() -> ApiException.notFound("task " + taskId + " was not asked for in Slack"));
            if (!tx.markSlackThreadReported(taskId, clock.instant())) {
                throw ApiException.conflict("the end of task " + taskId + " was already reported");
            }
            return tx.slackThread(taskId).orElseThrow();
        });
    }

    public AssistantCosts record(AssistantCall call) {
        if (call == null) {
            throw ApiException.badRequest("a call is required");
        }
        String purpose = Validate.requireText(call.purpose(), "purpose", 64);
        String by = Validate.requireText(call.by(), "by", 200);
        String model = Validate.optionalText(call.model(), "model", 200);
        if (call.tokensIn() < 0 || call.tokensOut() < 0 || !(call.costUsd() >= 0) || Double.isInfinite(call.costUsd())) {
            throw ApiException.badRequest("tokens and cost must be 0 or more");
        }
        store.write(tx -> {
            tx.insertAssistantCall(new AssistantCall(purpose, by, model, call.tokensIn(), call.tokensOut(),
                    call.costUsd()), clock.instant());
            return null;
        });
        return costs();
    }

    public AssistantCosts costs() {
        return store.read(tx -> tx.assistantCosts(clock.instant().minus(Duration.ofDays(30))));
    }
}
