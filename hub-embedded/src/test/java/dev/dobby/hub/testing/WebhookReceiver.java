package dev.dobby.hub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.dobby.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver on loopback that records every call. Answers come from a queue the test fills (status, and
 * an optional Location for redirects); when it is empty the answer is 200.
 */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

    public record Call(String path, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return Json.lenient().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private record Answer(int status, String location) {
    }

    public WebhookReceiver() {
        this(0);
    }

    /** A receiver on {@code port} (0 for any free one): a test can bring one back where a closed one was. */
    public WebhookReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
            Answer answer = answers.poll();
            if (answer != null && answer.location() != null) {
                exchange.getResponseHeaders().add("Location", answer.location());
            }
            exchange.sendResponseHeaders(answer == null ? 200 : answer.status(), -1);
            exchange.close();
        });
        server.start();
    }

    /** http://127.0.0.1:PORT + path */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public WebhookReceiver thenAnswer(int status) {
        answers.add(new Answer(status, null));
        return this;
    }

    public WebhookReceiver thenRedirect(int status, String location) {
        answers.add(new Answer(status, location));
        return this;
    }

    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
