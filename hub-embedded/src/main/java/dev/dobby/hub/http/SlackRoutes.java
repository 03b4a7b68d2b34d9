package dev.dobby.hub.http;

import dev.dobby.hub.core.HubService;
import dev.dobby.protocol.AssistantCall;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.Routes;
import dev.dobby.protocol.SlackPreview;
import dev.dobby.protocol.SlackThread;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * What the Slack bot keeps in the hub, and the ledger of Dobby's own model calls.
 *
 * <pre>
 * POST   /slack/previews                         keep (or edit) a pending preview
 * GET    /slack/previews?channel=C&amp;ts=T|thread=T  the preview at T, or the newest in thread T
 * DELETE /slack/previews/{channel}/{ts}          take it out (once; then 404)
 * POST   /slack/threads                          the thread a task was asked for in, and who asked
 * GET    /slack/threads?unreported=true          threads of tasks whose end is not reported yet
 * GET    /slack/threads/{task_id}                one task's thread
 * POST   /slack/threads/{task_id}/notified       its end is reported (409 if it already was)
 * POST   /assistant/calls                        record one model call and its cost
 * GET    /assistant/calls                        totals: calls, tokens, cost (all time, last 30 days)
 * </pre>
 */
public final class SlackRoutes implements RouteMount {
    private final HubService hub;

    public SlackRoutes(HubService hub) {
        this.hub = hub;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post(Routes.SLACK_PREVIEWS, ctx -> json(ctx, hub.putSlackPreview(Bodies.read(ctx, SlackPreview.class))));
        r.get(Routes.SLACK_PREVIEWS, ctx -> json(ctx, hub.slackPreview(Params.text(ctx, "channel"),
                Params.text(ctx, "ts"), Params.text(ctx, "thread"))));
        r.delete(Routes.SLACK_PREVIEW, ctx -> json(ctx, hub.takeSlackPreview(ctx.pathParam("channel"),
                ctx.pathParam("ts"))));
        r.post(Routes.SLACK_THREADS, ctx -> json(ctx, hub.putSlackThread(Bodies.read(ctx, SlackThread.class))));
        r.get(Routes.SLACK_THREADS, ctx -> json(ctx, hub.unreportedSlackThreads()));
        r.get(Routes.SLACK_THREAD, ctx -> json(ctx, hub.slackThread(Params.id(ctx, "task_id"))));
        r.post(Routes.SLACK_THREAD_NOTIFIED, ctx -> {
            long id = Params.id(ctx, "task_id");
            Bodies.readOptional(ctx, HttpServer.EmptyRequest.class, new HttpServer.EmptyRequest());
            json(ctx, hub.markSlackThreadReported(id));
        });
        r.post(Routes.ASSISTANT_CALLS, ctx -> json(ctx, hub.recordAssistantCall(Bodies.read(ctx, AssistantCall.class))));
        r.get(Routes.ASSISTANT_CALLS, ctx -> json(ctx, hub.assistantCosts()));
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }
}
