package dev.dobby.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Anthropic Messages API on loopback: {@code POST /v1/messages} answered from a queue of scripted replies (a
 * status, headers and body each), the last one repeated; every request body is kept.
 */
public final class FakeMessagesApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Reply(int status, String retryAfterMs, String body) {
    }

    private final HttpServer server;
    private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    private volatile Reply last;
    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    public final List<String> apiKeys = new CopyOnWriteArrayList<>();

    public FakeMessagesApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/messages", this::serve);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeMessagesApi then(Reply reply) {
        replies.add(reply);
        return this;
    }

    /** A successful answer that calls the answer tool with {@code input}, or says {@code text}. */
    public static Reply toolAnswer(String inputJson) {
        return new Reply(200, null, """
                {"id":"msg_01","type":"message","role":"assistant","model":"claude-haiku-4-5",
                 "content":[{"type":"tool_use","id":"toolu_01","name":"answer","input":%s}],
                 "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":900,"output_tokens":120}}
                """.formatted(inputJson));
    }

    public static Reply textAnswer(String text) throws IOException {
        return new Reply(200, null, """
                {"id":"msg_02","type":"message","role":"assistant","model":"claude-haiku-4-5",
                 "content":[{"type":"text","text":%s}],
                 "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1500,"output_tokens":300}}
                """.formatted(JSON.writeValueAsString(text)));
    }

    public static Reply rateLimited() {
        return new Reply(429, "20", "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}");
    }

    public static Reply overloaded() {
        return new Reply(529, "20", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            String key = exchange.getRequestHeaders().getFirst("x-api-key");
            String bearer = exchange.getRequestHeaders().getFirst("Authorization");
            apiKeys.add(key != null ? key : bearer != null ? bearer.replaceFirst("^Bearer ", "") : "none");
            Reply next = replies.poll();
            Reply reply = next != null ? next : last;
            if (next != null) {
                last = next;
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (reply.retryAfterMs() != null) {
                exchange.getResponseHeaders().add("retry-after-ms", reply.retryAfterMs());
            }
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
