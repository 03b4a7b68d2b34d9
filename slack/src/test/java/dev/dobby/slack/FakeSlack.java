package dev.dobby.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.SlackConfig;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack on loopback, speaking its wire format: Web API methods over HTTP ({@code /api/<method>}, form-encoded
 * requests, {@code {"ok":...}} answers) and a Socket Mode WebSocket that says hello, sends envelopes and collects
 * the app's acknowledgements. It records every API call for the test to look at.
 */
final class FakeSlack implements AutoCloseable {
    static final String BOT_USER = "UBOT";
    static final String CHANNEL = "C1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    record Call(String method, Map<String, String> params) {
        String param(String name) {
            return params.get(name);
        }

        String text() {
            return params.getOrDefault("text", "");
        }
    }

    private final HttpServer http;
    private final Socket socket;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> acks = new CopyOnWriteArrayList<>();
    private volatile String lastEnvelope;
    private final List<String> sent = new CopyOnWriteArrayList<>();
    // Messages get timestamps from the real clock on, as in Slack: previews kept in a hub that outlives one fake
    // Slack never meet a second message with the same timestamp.
    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis() * 1000);
    private final Map<String, java.util.Queue<Fault>> faults = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

    /** What the next call of a method gets instead of its answer: an HTTP status (429 with Retry-After) or an error. */
    record Fault(int status, String retryAfter, String error) {
        static Fault rateLimited(int seconds) {
            return new Fault(429, Integer.toString(seconds), null);
        }

        static Fault error(String error) {
            return new Fault(200, null, error);
        }
    }

    private FakeSlack(HttpServer http, Socket socket) {
        this.http = http;
        this.socket = socket;
    }

    static FakeSlack start() throws Exception {
        Socket socket = new Socket();
        socket.setReuseAddr(true);
        socket.start();
        if (!socket.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the fake Socket Mode server did not start");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeSlack fake = new FakeSlack(http, socket);
        socket.fake = fake;
        http.createContext("/api/", fake::serve);
        http.start();
        return fake;
    }

    /** Slack SDK settings that send every Web API call here. */
    SlackConfig config() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix("http://127.0.0.1:" + http.getAddress().getPort() + "/api/");
        return config;
    }

    /** A fresh message timestamp, as Slack writes them. */
    String nextTs() {
        long micros = clock.incrementAndGet();
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    /** The next call of {@code method} fails this way (several calls queue several faults). */
    void failNext(String method, Fault fault) {
        faults.computeIfAbsent(method, m -> new java.util.concurrent.ConcurrentLinkedQueue<>()).add(fault);
    }

    /** Web API address for {@code SLACK_API_URL}. */
    String apiUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/";
    }

    /** How many Socket Mode connections the bot has opened so far. */
    int connections() {
        return connections.get();
    }

    /** Drop every Socket Mode connection, as a network failure or a Slack restart would. */
    void dropConnections() {
        socket.getConnections().forEach(c -> c.closeConnection(1006, "dropped by the test"));
    }

    void awaitConnections(int count) {
        await(() -> connections.get() >= count && !socket.getConnections().isEmpty(), count + " Socket Mode connections");
    }

    private void serve(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        java.util.Queue<Fault> pending = faults.get(method);
        Fault fault = pending == null ? null : pending.poll();
        if (fault != null) {
            exchange.getRequestBody().readAllBytes();
            calls.add(new Call(method + "!" + (fault.error() != null ? fault.error() : fault.status()), Map.of()));
            byte[] out = (fault.error() != null ? "{\"ok\":false,\"error\":\"" + fault.error() + "\"}"
                    : "{\"ok\":false,\"error\":\"ratelimited\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            if (fault.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", fault.retryAfter());
            }
            exchange.sendResponseHeaders(fault.status(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = new LinkedHashMap<>();
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (contentType.startsWith("application/json") && !body.isBlank()) {
            JSON.readTree(body).properties().forEach(e -> params.put(e.getKey(), e.getValue().isTextual()
                    ? e.getValue().asText() : e.getValue().toString()));
        } else {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Bearer ")) {
            params.putIfAbsent("token", auth.substring("Bearer ".length()));
        }
        ObjectNode answer = JSON.createObjectNode().put("ok", true);
        switch (method) {
            case "auth.test" -> answer.put("url", "https://fake.example/").put("team", "Fake").put("user", "dobby")
                    .put("team_id", "T1").put("user_id", BOT_USER).put("bot_id", "B1");
            case "apps.connections.open" -> answer.put("url", "ws://127.0.0.1:" + socket.getPort() + "/link");
            case "chat.postMessage" -> {
                String ts = nextTs();
                params.put("ts", ts);
                answer.put("channel", params.get("channel")).put("ts", ts);
                answer.putObject("message").put("type", "message").put("text", params.get("text"))
                        .put("user", BOT_USER).put("bot_id", "B1").put("ts", ts);
            }
            case "chat.update" -> answer.put("channel", params.get("channel")).put("ts", params.get("ts"))
                    .put("text", params.get("text"));
            case "users.info" -> {
                ObjectNode user = answer.putObject("user").put("id", params.get("user")).put("name", "ada")
                        .put("real_name", "Ada Lovelace");
                user.putObject("profile").put("display_name", "Ada").put("real_name", "Ada Lovelace");
            }
            default -> {
                // reactions.add and the rest: ok
            }
        }
        calls.add(new Call(method, params));
        byte[] out = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    // ---- Socket Mode

    void awaitConnected() throws InterruptedException {
        if (!socket.helloSent.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the bot did not open a Socket Mode connection");
        }
    }

    /** Send an Events API event in a Socket Mode envelope; returns the envelope id. */
    String sendEvent(ObjectNode event) {
        String envelopeId = UUID.randomUUID().toString();
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("envelope_id", envelopeId).put("type", "events_api").put("accepts_response_payload", false)
                .put("retry_attempt", 0).put("retry_reason", "");
        ObjectNode payload = envelope.putObject("payload");
        payload.put("token", "verification-token").put("team_id", "T1").put("api_app_id", "A1")
                .put("type", "event_callback").put("event_id", "Ev" + envelopeId.substring(0, 8))
                .put("event_time", Instant.now().getEpochSecond());
        payload.set("event", event);
        payload.putArray("authorizations").addObject().put("team_id", "T1").put("user_id", BOT_USER)
                .put("is_bot", true).put("is_enterprise_install", false);
        lastEnvelope = envelopeId;
        sent.add(envelopeId);
        socket.broadcast(envelope.toString());
        return envelopeId;
    }

    /** A channel message mentioning the bot ({@code app_mention}); returns its ts. */
    String mention(String text) {
        return mention(text, null);
    }

    String mention(String text, String threadTs) {
        String ts = nextTs();
        ObjectNode event = JSON.createObjectNode().put("type", "app_mention").put("user", "U1")
                .put("text", "<@" + BOT_USER + "> " + text).put("channel", CHANNEL).put("ts", ts)
                .put("event_ts", ts).put("team", "T1");
        if (threadTs != null) {
            event.put("thread_ts", threadTs);
        }
        sendEvent(event);
        return ts;
    }

    /** A plain message ({@code message} event) in a channel of {@code channelType}; returns its ts. */
    String message(String channel, String channelType, String text, String threadTs, String botId) {
        return message(botId == null ? "U1" : "U2", channel, channelType, text, threadTs, botId);
    }

    String message(String user, String channel, String channelType, String text, String threadTs, String botId) {
        String ts = nextTs();
        ObjectNode event = JSON.createObjectNode().put("type", "message").put("user", user)
                .put("text", text).put("channel", channel).put("channel_type", channelType).put("ts", ts)
                .put("event_ts", ts).put("team", "T1");
        if (threadTs != null) {
            event.put("thread_ts", threadTs);
        }
        if (botId != null) {
            event.put("bot_id", botId);
        }
        sendEvent(event);
        return ts;
    }

    String react(String reaction, String itemTs) {
        return react(reaction, itemTs, "U1");
    }

    String react(String reaction, String itemTs, String user) {
        String ts = nextTs();
        ObjectNode event = JSON.createObjectNode().put("type", "reaction_added").put("user", user)
                .put("reaction", reaction).put("item_user", BOT_USER).put("event_ts", ts);
        event.putObject("item").put("type", "message").put("channel", CHANNEL).put("ts", itemTs);
        return sendEvent(event);
    }

    /** Wait until the bot acknowledged every envelope it was sent. */
    void awaitAllAcked() {
        await(() -> acks.containsAll(sent), "acks of all " + sent.size() + " envelopes (got " + acks.size() + ")");
    }

    /** Wait until the bot acknowledged the last envelope sent. */
    void awaitLastAck() {
        awaitAck(lastEnvelope);
    }

    void awaitAck(String envelopeId) {
        await(() -> acks.contains(envelopeId), "the ack of envelope " + envelopeId);
    }

    // ---- what the bot did

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    Call awaitCall(String method, Predicate<Call> match, String what) {
        List<Call> found = new ArrayList<>();
        await(() -> {
            calls.stream().filter(c -> c.method().equals(method) && match.test(c)).findFirst().ifPresent(found::add);
            return !found.isEmpty();
        }, method + " " + what);
        return found.getFirst();
    }

    /** The bot's message in the thread of {@code threadTs} whose text contains {@code text}. */
    Call awaitReply(String threadTs, String text) {
        return awaitCall("chat.postMessage", c -> threadTs.equals(c.param("thread_ts")) && c.text().contains(text),
                "in thread " + threadTs + " containing '" + text + "'; calls so far: " + calls);
    }

    private static void await(java.util.function.BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() throws Exception {
        http.stop(0);
        socket.stop(1000);
    }

    private static final class Socket extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch helloSent = new CountDownLatch(1);
        volatile FakeSlack fake;

        Socket() {
            super(new InetSocketAddress("127.0.0.1", 0));
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            fake.connections.incrementAndGet();
            conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake-slack\","
                    + "\"build_number\":1,\"approximate_connection_time\":18060},\"connection_info\":{\"app_id\":\"A1\"}}");
            helloSent.countDown();
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            try {
                JsonNode ack = JSON.readTree(message);
                if (ack.has("envelope_id")) {
                    fake.acks.add(ack.get("envelope_id").asText());
                }
            } catch (IOException e) {
                throw new IllegalStateException("the bot sent something that is not JSON: " + message, e);
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
