package dev.dobby.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stdio contract itself: version negotiation, a clean stdout, logs on stderr, and a clean exit. */
class StdioProtocolTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ParameterizedTest
    @ValueSource(strings = {ProtocolVersions.MCP_2024_11_05, ProtocolVersions.MCP_2025_03_26,
            ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25})
    void negotiatesEveryProtocolVersionTheSdkSupports(String version) throws Exception {
        try (RawStdioServer server = RawStdioServer.start(env("http://127.0.0.1:" + freePort()))) {
            server.send(initialize(1, version));

            JsonNode reply = server.next(WAIT);

            assertThat(reply.path("id").asInt()).isEqualTo(1);
            assertThat(reply.path("result").path("protocolVersion").asText()).isEqualTo(version);
            assertThat(reply.path("result").path("serverInfo").path("name").asText()).isEqualTo("dobby");
            assertThat(reply.path("result").path("capabilities").has("tools")).isTrue();
            assertThat(reply.path("result").path("instructions").asText()).contains("dobby_add_task");
        }
    }

    @Test
    void answersAnUnknownVersionWithTheLatestItSupports() throws Exception {
        try (RawStdioServer server = RawStdioServer.start(env("http://127.0.0.1:" + freePort()))) {
            server.send(initialize(1, "1999-01-01"));

            JsonNode reply = server.next(WAIT);

            assertThat(reply.path("result").path("protocolVersion").asText())
                    .isEqualTo(ProtocolVersions.MCP_2025_11_25);
        }
    }

    @Test
    void stdoutCarriesOnlyProtocolMessagesAndTheServerExitsWhenStdinCloses() throws Exception {
        String nobody = "http://127.0.0.1:" + freePort();
        try (RawStdioServer server = RawStdioServer.start(env(nobody))) {
            server.send(initialize(1, ProtocolVersions.MCP_2025_06_18));
            assertThat(server.next(WAIT).path("id").asInt()).isEqualTo(1);
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            server.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            assertThat(server.next(WAIT).path("result").path("tools").size()).isEqualTo(20);
            server.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"dobby_stats\",\"arguments\":{}}}");
            JsonNode call = server.next(WAIT);
            assertThat(call.path("id").asInt()).isEqualTo(3);
            assertThat(call.path("result").path("isError").asBoolean()).isTrue();
            assertThat(call.path("result").path("content").get(0).path("text").asText())
                    .startsWith("Cannot reach the Dobby hub at " + nobody);

            int exit = server.closeInputAndWait(WAIT);

            assertThat(exit).isZero();
            assertThat(server.stdoutLines()).hasSize(3).allSatisfy(line ->
                    assertThat(RawStdioServer.parse(line).path("jsonrpc").asText()).isEqualTo("2.0"));
            assertThat(server.stderrLines()).anySatisfy(line ->
                    assertThat(line).contains("Dobby MCP server", "ready for the hub at " + nobody));
        }
    }

    @Test
    void linesThatAreNotMessagesAreAnsweredWithParseErrorsAndServingGoesOn() throws Exception {
        try (RawStdioServer server = RawStdioServer.start(env("http://127.0.0.1:" + freePort()))) {
            server.send("this is not json");
            server.send("");
            server.send("{\"not\":\"a message\"}");
            for (int i = 0; i < 2; i++) {
                JsonNode refused = server.next(WAIT);
                assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32700);
                assertThat(refused.path("id").isNull()).isTrue();
            }

            server.send(initialize(7, ProtocolVersions.MCP_2025_06_18));
            assertThat(server.next(WAIT).path("id").asInt()).isEqualTo(7);
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            server.send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\"}");
            assertThat(server.next(WAIT).path("result").path("tools").size()).isEqualTo(20);
            assertThat(server.closeInputAndWait(WAIT)).isZero();
            assertThat(server.stderrLines()).anySatisfy(line ->
                    assertThat(line).contains("ignored a line on stdin that is not a JSON-RPC message"));
        }
    }

    @Test
    void aMalformedHubUrlStopsAtOnceWithAMessageOnStderr() throws Exception {
        try (RawStdioServer server = RawStdioServer.start(env("ftp://hub.example"))) {
            int exit = server.waitForExit(WAIT);

            assertThat(exit).isEqualTo(McpMain.BAD_SETTINGS);
            assertThat(server.stdoutLines()).isEmpty();
            assertThat(String.join("\n", server.stderrLines()))
                    .contains("DOBBY_URL", "http://host:port", "ftp://hub.example");
        }
    }

    private static Map<String, String> env(String url) {
        return Map.of("DOBBY_URL", url, "DOBBY_API_KEY", "");
    }

    private static String initialize(int id, String version) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + version + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw-test\",\"version\":\"1\"}}}";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
