package dev.dobby.protocol.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubApi.EventListener;
import dev.dobby.protocol.HubApi.Subscription;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.Routes;
import dev.dobby.protocol.event.HubEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a server-sent event stream on its own thread. When the connection drops it reconnects with
 * {@code Last-Event-ID}, so no event is missed across a hub restart; refusals (401, 404) end it for good.
 */
final class SseSubscription implements Subscription {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    // Well above the hub's keep-alive interval, so a silent dead connection is noticed.
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(45);

    private final HubHttpClient client;
    private final String path;
    private final EventListener listener;
    private final ObjectMapper json = Json.lenient();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Long lastSeq;
    private volatile HttpURLConnection current;

    private SseSubscription(HubHttpClient client, String path, Long afterSeq, EventListener listener) {
        this.client = client;
        this.path = path;
        this.lastSeq = afterSeq;
        this.listener = listener;
    }

    static SseSubscription start(HubHttpClient client, String path, Long afterSeq, EventListener listener) {
        SseSubscription subscription = new SseSubscription(client, path, afterSeq, listener);
        Thread.ofVirtual().name("dobby-sse").start(subscription::run);
        return subscription;
    }

    private void run() {
        long backoffMillis = 200;
        Throwable failure = null;
        while (!closed.get()) {
            try {
                if (readOnce()) {
                    backoffMillis = 200;
                }
            } catch (ApiException refused) {
                failure = refused;
                break;
            } catch (IOException | RuntimeException dropped) {
                if (closed.get()) {
                    break;
                }
            }
            if (!sleep(backoffMillis)) {
                break;
            }
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
        }
        listener.onClose(failure);
    }

    /** One connection's worth of events; true if it delivered any. */
    private boolean readOnce() throws IOException {
        String base = client.baseUrl();
        try {
            return readOnce(base);
        } catch (java.net.ConnectException | java.net.NoRouteToHostException e) {
            // A team's hub that is gone: the next reconnection goes to another of the client's hubs.
            client.moveOn(base, null);
            throw e;
        }
    }

    private boolean readOnce(String base) throws IOException {
        HttpURLConnection connection = client.open(path, READ_TIMEOUT);
        current = connection;
        connection.setRequestProperty("Accept", Routes.EVENT_STREAM);
        if (lastSeq != null) {
            connection.setRequestProperty(Routes.LAST_EVENT_ID, Long.toString(lastSeq));
        }
        int status = connection.getResponseCode();
        if (status >= 400) {
            ApiException error = client.errorFrom(status, connection);
            if (status == 503) {
                client.moveOn(base, HubUrls.leaderOf(connection));
            }
            if (status == 429 || status >= 500) {
                throw new IOException(error.getMessage());
            }
            throw error;
        }
        boolean delivered = false;
        try (InputStream in = connection.getInputStream();
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            String line;
            while (!closed.get() && (line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        delivered |= dispatch(data.toString());
                        data.setLength(0);
                    }
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                }
                // id and event lines repeat what the JSON says; comments are keep-alives.
            }
        }
        return delivered;
    }

    private boolean dispatch(String data) throws IOException {
        if (closed.get()) {
            return false;
        }
        HubEvent event = json.readValue(data, HubEvent.class);
        if (lastSeq != null && event.seq() <= lastSeq) {
            return false;
        }
        lastSeq = event.seq();
        listener.onEvent(event);
        return true;
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return !closed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stop delivering at once. The connection is dropped on another thread: HttpURLConnection holds a lock while a
     * read is blocked, so disconnecting here could wait for the next keep-alive.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            HttpURLConnection connection = current;
            if (connection != null) {
                Thread.ofVirtual().name("dobby-sse-close").start(connection::disconnect);
            }
        }
    }
}
