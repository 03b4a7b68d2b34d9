package dev.dobby.cli;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Vultr's API v2 on loopback: its paths, JSON shapes, cursor pagination ({@code meta.links.next}),
 * bearer keys and error bodies. Failures can be queued ({@link #failNext}). A created instance is "pending" for its
 * first look, then "active"; it runs the spoke part of its cloud-init as a {@link FakeInstance} on this machine.
 */
final class FakeVultr implements AutoCloseable {
    static final String KEY = "vultr-test-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Small pages, so every list needs several. */
    private static final int PAGE = 2;

    private final HttpServer server;
    private final Path instancesRoot;
    private final Deque<Integer> failures = new ArrayDeque<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> instances = new ConcurrentHashMap<>();
    private final Map<String, FakeInstance> running = new ConcurrentHashMap<>();
    private final Map<String, Integer> looks = new ConcurrentHashMap<>();
    final List<ObjectNode> created = new CopyOnWriteArrayList<>();

    private FakeVultr(Path instancesRoot) throws IOException {
        this.instancesRoot = instancesRoot;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", this::serve);
        server.start();
    }

    static FakeVultr start(Path instancesRoot) throws IOException {
        return new FakeVultr(instancesRoot);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2";
    }

    /** The next request is answered with this status (and Vultr's error body) instead. */
    synchronized void failNext(int status) {
        failures.add(status);
    }

    FakeInstance instance(String label) {
        return running.get(label);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().substring("/v2".length());
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(method + " " + path + (query == null ? "" : "?" + query));
            if (!("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "Invalid API token.");
                return;
            }
            Integer failure;
            synchronized (this) {
                failure = failures.poll();
            }
            if (failure != null) {
                if (failure == 429 || failure == 503) {
                    exchange.getResponseHeaders().add("Retry-After", "0");
                }
                error(exchange, failure, failure == 429 ? "Rate limit reached" : "Internal error");
                return;
            }
            Map<String, String> params = params(query);
            switch (method + " " + (path.startsWith("/instances/") ? "/instances/ID" : path)) {
                case "GET /plans" -> page(exchange, "plans", plans(), params);
                case "GET /regions" -> page(exchange, "regions", regions(), params);
                case "GET /os" -> page(exchange, "os", operatingSystems(), params);
                case "GET /ssh-keys" -> page(exchange, "ssh_keys", sshKeys(), params);
                case "GET /instances" -> page(exchange, "instances", instances.values().stream()
                        .filter(i -> params.get("tag") == null || i.path("tags").toString().contains(
                                "\"" + params.get("tag") + "\"")).map(i -> (JsonNode) i).toList(), params);
                case "POST /instances" -> create(exchange);
                case "GET /instances/ID" -> look(exchange, path.substring("/instances/".length()));
                case "DELETE /instances/ID" -> delete(exchange, path.substring("/instances/".length()));
                default -> error(exchange, 404, "Not found");
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        for (String field : List.of("region", "plan", "os_id", "label", "user_data")) {
            if (body.path(field).isMissingNode()) {
                error(exchange, 400, "Missing " + field);
                return;
            }
        }
        ObjectNode request = (ObjectNode) body;
        created.add(request);
        String id = UUID.randomUUID().toString();
        ObjectNode instance = JSON.createObjectNode().put("id", id).put("os", "Debian 13 x64 (trixie)")
                .put("ram", 4096).put("main_ip", "0.0.0.0").put("status", "pending").put("power_status", "running")
                .put("server_status", "none").put("region", body.path("region").asText())
                .put("plan", body.path("plan").asText()).put("label", body.path("label").asText())
                .put("hostname", body.path("hostname").asText()).put("date_created", "2026-12-02T05:00:00+00:00");
        instance.set("tags", body.path("tags"));
        instances.put(id, instance);
        String userData = new String(Base64.getDecoder().decode(body.path("user_data").asText()), StandardCharsets.UTF_8);
        running.put(body.path("label").asText(), FakeInstance.boot(instancesRoot.resolve(body.path("label").asText()),
                userData));
        send(exchange, 202, JSON.createObjectNode().set("instance", instance));
    }

    private void look(HttpExchange exchange, String id) throws IOException {
        ObjectNode instance = instances.get(id);
        if (instance == null) {
            error(exchange, 404, "Invalid instance-id.");
            return;
        }
        if (looks.merge(id, 1, Integer::sum) > 1) {
            instance.put("status", "active").put("server_status", "ok").put("main_ip", "127.0.0.1");
        }
        send(exchange, 200, JSON.createObjectNode().set("instance", instance));
    }

    private void delete(HttpExchange exchange, String id) throws IOException {
        ObjectNode instance = instances.remove(id);
        if (instance == null) {
            error(exchange, 404, "Invalid instance-id.");
            return;
        }
        FakeInstance process = running.remove(instance.path("label").asText());
        if (process != null) {
            process.close();
        }
        exchange.sendResponseHeaders(204, -1);
    }

    private static void page(HttpExchange exchange, String field, List<JsonNode> all, Map<String, String> params)
            throws IOException {
        int start = params.containsKey("cursor") ? Integer.parseInt(new String(Base64.getDecoder().decode(
                params.get("cursor")), StandardCharsets.UTF_8).substring("next__".length())) : 0;
        int end = Math.min(all.size(), start + PAGE);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray(field);
        all.subList(start, end).forEach(items::add);
        ObjectNode meta = body.putObject("meta").put("total", all.size());
        String next = end < all.size() ? Base64.getEncoder().encodeToString(("next__" + end).getBytes(StandardCharsets.UTF_8)) : "";
        String prev = start > 0 ? Base64.getEncoder().encodeToString(("prev__" + start).getBytes(StandardCharsets.UTF_8)) : "";
        meta.putObject("links").put("next", next).put("prev", prev);
        send(exchange, 200, body);
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new java.util.HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, JSON.createObjectNode().put("error", message).put("status", status));
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static List<JsonNode> plans() {
        List<JsonNode> plans = new ArrayList<>();
        plans.add(plan("vc2-1c-1gb", 1, 1024, 25, 5));
        plans.add(plan("vc2-1c-2gb", 1, 2048, 55, 10));
        plans.add(plan("vc2-2c-4gb", 2, 4096, 80, 20));
        plans.add(plan("vc2-4c-8gb", 4, 8192, 160, 40));
        plans.add(plan("vcg-a100-1c-6g-4vram", 1, 6144, 70, 90));
        return plans;
    }

    private static JsonNode plan(String id, int cpus, int ram, int disk, double cost) {
        ObjectNode p = JSON.createObjectNode().put("id", id).put("vcpu_count", cpus).put("ram", ram).put("disk", disk)
                .put("disk_count", 1).put("bandwidth", 1024).put("monthly_cost", cost).put("type", "vc2");
        p.putArray("locations").add("ewr").add("ams");
        return p;
    }

    private static List<JsonNode> regions() {
        return List.of(region("ams", "Amsterdam", "NL", "Europe"), region("ewr", "New Jersey", "US", "North America"),
                region("nrt", "Tokyo", "JP", "Asia"));
    }

    private static JsonNode region(String id, String city, String country, String continent) {
        ObjectNode r = JSON.createObjectNode().put("id", id).put("city", city).put("country", country)
                .put("continent", continent);
        r.putArray("options").add("ddos_protection");
        return r;
    }

    private static List<JsonNode> operatingSystems() {
        return List.of(os(2136, "Debian 12 x64 (bookworm)", "debian"), os(2625, "Debian 13 x64 (trixie)", "debian"),
                os(2284, "Ubuntu 24.04 LTS x64", "ubuntu"));
    }

    private static JsonNode os(int id, String name, String family) {
        return JSON.createObjectNode().put("id", id).put("name", name).put("arch", "x64").put("family", family);
    }

    private static List<JsonNode> sshKeys() {
        return List.of(JSON.createObjectNode().put("id", "cb676a46-66fd-4dfb-b839-443f2e6c0b60")
                .put("date_created", "2026-11-20T10:00:00+00:00").put("name", "laptop")
                .put("ssh_key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTests laptop"));
    }

    @Override
    public void close() {
        running.values().forEach(FakeInstance::close);
        server.stop(0);
    }
}
