package dev.dobby.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.ReactionAddedEvent;
import com.slack.api.socket_mode.SocketModeClient;
import dev.dobby.assistant.Answer;
import dev.dobby.assistant.FirstAvailable;
import dev.dobby.assistant.Question;
import dev.dobby.protocol.AssistantCall;
import dev.dobby.protocol.HubApi;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot: a Bolt app on a Socket Mode connection (no public address needed), handing mentions, direct messages,
 * replies to previews and reactions to a {@link Conversation}. Events are acknowledged at once and handled one at a
 * time on a worker thread, so a slow hub never makes Slack resend them.
 */
public final class SlackBot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackBot.class);
    private static final int REMEMBERED_MESSAGES = 1000;

    private final Slack slack;
    private final SocketModeApp socketMode;
    private final CompletionNotifier notifier;
    private final ExecutorService worker;

    private SlackBot(Slack slack, SocketModeApp socketMode, CompletionNotifier notifier, ExecutorService worker) {
        this.slack = slack;
        this.socketMode = socketMode;
        this.notifier = notifier;
        this.worker = worker;
    }

    /**
     * Connect to Slack and start answering.
     *
     * @param hubUrl      the hub's address, for error messages
     * @param slackConfig Slack's SDK settings (tests point its API address at a fake Slack)
     */
    public static SlackBot start(SlackSettings settings, HubApi hub, String hubUrl, SlackConfig slackConfig)
            throws Exception {
        // The SDK's per-workspace call statistics need an extra auth.test per token that logs a stack trace when
        // Slack is unreachable; the bot has no use for them.
        slackConfig.setStatsEnabled(false);
        Slack slack = Slack.getInstance(slackConfig);
        try {
            checkTokens(slack, settings);
        } catch (Exception e) {
            slack.close();
            throw e;
        }
        App app = new App(AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken())
                .allEventsApiAutoAckEnabled(true)
                .build());
        SlackOut out = new SlackOut(app.client(), settings.botToken());
        Links links = new Links(settings.dashboardUrl() != null ? settings.dashboardUrl() : hubUrl);
        StatusDigest digest = new StatusDigest(links);
        CompletionNotifier notifier = new CompletionNotifier(hub, out, digest);
        FirstAvailable assistants = settings.assistant().assistants();
        BiConsumer<Question, Answer> spent = (question, answer) -> recordCost(hub, question, answer);
        Conversation conversation = new Conversation(hub, hubUrl, out, new Previews(hub), digest, notifier,
                new Interpreter(assistants, spent), new Summaries(assistants, spent, links), settings.previewMaxAge());
        ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
                .name("dobby-slack-conversation").factory());
        Set<String> seen = Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED_MESSAGES;
            }
        });

        app.event(AppMentionEvent.class, (payload, ctx) -> {
            AppMentionEvent e = payload.getEvent();
            if (e.getBotId() == null && e.getSubtype() == null) {
                handle(worker, seen, conversation, new Conversation.Incoming(e.getChannel(), e.getTs(),
                        e.getThreadTs(), e.getUser(), e.getText()));
            }
            return ctx.ack();
        });
        app.event(MessageEvent.class, (payload, ctx) -> {
            MessageEvent e = payload.getEvent();
            if (e.getBotId() == null && e.getSubtype() == null && !isSelf(ctx, e.getUser())) {
                Conversation.Incoming incoming = new Conversation.Incoming(e.getChannel(), e.getTs(), e.getThreadTs(),
                        e.getUser(), e.getText());
                // In channels only mentions (app_mention) and replies in a thread are for the bot; the conversation
                // ignores thread replies that are not under one of its previews.
                boolean mention = e.getText() != null && ctx.getBotUserId() != null
                        && e.getText().contains("<@" + ctx.getBotUserId() + ">");
                if ("im".equals(e.getChannelType())) {
                    handle(worker, seen, conversation, incoming, true);
                } else if (e.getThreadTs() != null && !mention) {
                    handle(worker, seen, conversation, incoming, false);
                }
            }
            return ctx.ack();
        });
        app.event(ReactionAddedEvent.class, (payload, ctx) -> {
            ReactionAddedEvent e = payload.getEvent();
            if (e.getItem() != null && "message".equals(e.getItem().getType()) && !isSelf(ctx, e.getUser())) {
                worker.execute(() -> conversation.onReaction(e.getItem().getChannel(), e.getItem().getTs(),
                        e.getReaction(), e.getUser()));
            }
            return ctx.ack();
        });

        SocketModeApp socketMode = new SocketModeApp(settings.appToken(), SocketModeClient.Backend.JavaWebSocket, app);
        notifier.start();
        try {
            socketMode.startAsync();
        } catch (Exception e) {
            notifier.close();
            worker.shutdownNow();
            slack.close();
            throw e;
        }
        log.info("Dobby's Slack bot is connected (hub {}); requests are read {}", hubUrl,
                assistants.isEmpty() ? "by fixed rules" : "by " + String.join(", then ", assistants.names())
                        + ", then by fixed rules");
        return new SlackBot(slack, socketMode, notifier, worker);
    }

    /** Ask Slack about both tokens first, so a wrong one is reported as such rather than as a failed connection. */
    private static void checkTokens(Slack slack, SlackSettings settings) throws IOException, SlackApiException {
        AuthTestResponse auth;
        try {
            auth = slack.methods().authTest(r -> r.token(settings.botToken()));
        } catch (IOException e) {
            throw new IOException("cannot reach Slack (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        if (!auth.isOk()) {
            throw new IllegalStateException("Slack refused SLACK_BOT_TOKEN (" + auth.getError() + ")");
        }
        AppsConnectionsOpenResponse open = slack.methods(settings.appToken()).appsConnectionsOpen(r -> r);
        if (!open.isOk()) {
            throw new IllegalStateException("Slack refused SLACK_APP_TOKEN (" + open.getError()
                    + "); it must be an app-level token with the connections:write scope, and Socket Mode must be on");
        }
    }

    private static void handle(ExecutorService worker, Set<String> seen, Conversation conversation,
                               Conversation.Incoming m) {
        handle(worker, seen, conversation, m, true);
    }

    /**
     * A mention in a thread arrives twice (app_mention and message): act once. {@code addressed} false: a thread
     * reply without a mention, which only counts under a preview.
     */
    private static void handle(ExecutorService worker, Set<String> seen, Conversation conversation,
                               Conversation.Incoming m, boolean addressed) {
        worker.execute(() -> {
            if (!seen.add(m.channel() + "/" + m.ts())) {
                return;
            }
            if (addressed) {
                conversation.onMessage(m);
            } else {
                conversation.onThreadReply(m);
            }
        });
    }

    /** What the assistant's call cost goes to the hub's ledger; a hub that cannot take it costs only a log line. */
    private static void recordCost(HubApi hub, Question question, Answer answer) {
        try {
            hub.recordAssistantCall(new AssistantCall(question.purpose(), answer.by(),
                    answer.usage().model(), answer.usage().tokensIn(), answer.usage().tokensOut(), answer.usage().costUsd()));
        } catch (RuntimeException e) {
            log.warn("could not record the cost of an assistant call: {}", Redact.tokens(e.getMessage()));
        }
    }

    private static boolean isSelf(EventContext ctx, String user) {
        return user != null && user.equals(ctx.getBotUserId());
    }

    @Override
    public void close() {
        try {
            socketMode.close();
        } catch (Exception e) {
            log.debug("closing the Socket Mode connection: {}", Redact.tokens(e.getMessage()));
        }
        notifier.close();
        worker.shutdownNow();
        try {
            slack.close();
        } catch (Exception e) {
            log.debug("closing the Slack client: {}", e.getMessage());
        }
    }
}
