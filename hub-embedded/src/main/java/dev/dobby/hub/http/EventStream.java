package dev.dobby.hub.http;

import dev.dobby.hub.core.EventFeed;
import dev.dobby.hub.core.HubService;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubApi.EventFilter;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.Routes;
import dev.dobby.protocol.event.HubEvent;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Server-sent events: each hub event as {@code id: seq}, {@code event: type}, {@code data: json}; a comment line as
 * keep-alive comment when nothing was sent for a while; resumes after {@code Last-Event-ID}. Each stream runs on its own
 * (virtual) request thread reading its own {@link EventFeed}, so a slow client only slows itself.
 */
final class EventStream {
    private final HubService hub;
    private final BooleanSupplier stopping;
    private final java.time.Duration keepAlive;

    EventStream(HubService hub, BooleanSupplier stopping, java.time.Duration keepAlive) {
        this.hub = hub;
        this.stopping = stopping;
        this.keepAlive = keepAlive;
    }

    void serve(Context ctx, Long taskId, boolean includeLogs) throws IOException {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains(Routes.EVENT_STREAM)) {
            throw new ApiException(406, "this is an event stream: send 'Accept: text/event-stream'");
        }
        Long after = lastEventId(ctx);
        EventFilter filter = new EventFilter(taskId, includeLogs, after);
        try (EventFeed feed = hub.openFeed(filter)) {
            ctx.status(200);
            ctx.res().setContentType("text/event-stream;charset=utf-8");
            ctx.res().setHeader("Cache-Control", "no-cache");
            ctx.res().setHeader("X-Accel-Buffering", "no");
            OutputStream out = ctx.res().getOutputStream();
            write(out, ": connected\nretry: 2000\n\n");
            long lastWrite = System.nanoTime();
            while (!stopping.getAsBoolean()) {
                HubEvent event;
                try {
                    event = feed.next(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (event != null) {
                    write(out, "id: " + event.seq() + "\nevent: " + event.type() + "\ndata: " + Json.write(event) + "\n\n");
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite > keepAlive.toNanos()) {
                    write(out, ": keep-alive\n\n");
                    lastWrite = System.nanoTime();
                }
            }
        } catch (IOException clientGone) {
            // the client closed the stream
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Long lastEventId(Context ctx) {
        String raw = ctx.header(Routes.LAST_EVENT_ID);
        if (raw == null || raw.isBlank()) {
            raw = ctx.queryParam("last_event_id");
        }
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long seq = Long.parseLong(raw.strip());
            if (seq < 0) {
                throw new NumberFormatException();
            }
            return seq;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Last-Event-ID must be a non-negative event sequence number");
        }
    }
}
