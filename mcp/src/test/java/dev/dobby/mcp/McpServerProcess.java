package dev.dobby.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real MCP server started as its own java process, and the SDK's own client speaking to it over the
 * process's stdin and stdout, as Claude Code would.
 */
final class McpServerProcess implements AutoCloseable {
    private final McpSyncClient client;
    private final List<String> stderr;

    private McpServerProcess(McpSyncClient client, List<String> stderr) {
        this.client = client;
        this.stderr = stderr;
    }

    static McpServerProcess start(String hubUrl, String apiKey) {
        ServerParameters server = ServerParameters.builder(javaCommand())
                .args(serverArgs())
                .env(Map.of("DOBBY_URL", hubUrl, "DOBBY_API_KEY", apiKey == null ? "" : apiKey))
                .build();
        StdioClientTransport transport = new StdioClientTransport(server, McpJsonDefaults.getMapper());
        List<String> stderr = new CopyOnWriteArrayList<>();
        transport.setStdErrorHandler(stderr::add);
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
        return new McpServerProcess(client, stderr);
    }

    /** The java of this test JVM, which is the JDK the build selected. */
    static String javaCommand() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    /** The server's JVM options and main class, on this test's class path (which holds the module's classes). */
    static List<String> serverArgs() {
        return List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                McpMain.class.getName());
    }

    McpSyncClient client() {
        return client;
    }

    CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
    }

    /** The text a model reads from a result. */
    static String text(CallToolResult result) {
        return result.content().stream().map(c -> ((TextContent) c).text()).reduce("", (a, b) -> a + b);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    List<String> stderr() {
        return List.copyOf(stderr);
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
