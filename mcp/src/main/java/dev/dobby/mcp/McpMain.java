package dev.dobby.mcp;

import dev.dobby.protocol.client.HubHttpClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stdio MCP server: {@code dobby-mcp} and {@code dobby mcp}. It talks to the hub at {@code DOBBY_URL}
 * (default http://127.0.0.1:8420) with {@code DOBBY_API_KEY}, serves until its client closes stdin, and writes
 * nothing but protocol messages to stdout.
 */
public final class McpMain {
    /** Exit status when DOBBY_URL is not a usable address. */
    public static final int BAD_SETTINGS = 2;

    private McpMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.err.println("dobby-mcp takes no arguments; it is configured by DOBBY_URL and DOBBY_API_KEY");
            System.exit(BAD_SETTINGS);
        }
        System.exit(run(System.getenv()));
    }

    /** Serves on this process's stdin and stdout until stdin ends; returns the exit status. */
    public static int run(Map<String, String> env) {
        PrintStream protocol = System.out;
        // Stdout belongs to the protocol: anything else that prints (a library, a stray println) goes to stderr.
        System.setOut(System.err);
        return run(env, System.in, protocol);
    }

    static int run(Map<String, String> env, InputStream in, OutputStream out) {
        HubHttpClient hub;
        try {
            hub = new HubHttpClient(env.get("DOBBY_URL"), env.get("DOBBY_API_KEY"));
        } catch (IllegalArgumentException e) {
            System.err.println("dobby-mcp: DOBBY_URL: " + e.getMessage());
            return BAD_SETTINGS;
        }
        Logger log = LoggerFactory.getLogger(McpMain.class);
        EndOfInput input = new EndOfInput(new MessageLines(in, McpJsonDefaults.getMapper(), out));
        McpSyncServer server = DobbyMcpServer.start(hub, hub.baseUrl(), input, out);
        log.info("Dobby MCP server {} ready for the hub at {}", Version.current(), hub.baseUrl());
        try {
            input.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.closeGracefully();
        log.info("input closed; stopping");
        return 0;
    }
}
