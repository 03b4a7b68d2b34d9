package dev.dobby.mcp;

import dev.dobby.mcp.tools.Args;
import dev.dobby.mcp.tools.DobbyTool;
import dev.dobby.mcp.tools.DobbyTools;
import dev.dobby.mcp.tools.HubErrors;
import dev.dobby.mcp.tools.Reply;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.HubUnreachableException;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The MCP server over a pair of streams: Dobby's tools, each call answered as a result, never as a crash. */
public final class DobbyMcpServer {
    private static final Logger log = LoggerFactory.getLogger(DobbyMcpServer.class);

    static final String INSTRUCTIONS = """
            Dobby queues coding work for agents (Claude Code, Codex, or shell commands) on the user's own \
            machines and keeps every result. Tasks run in registered projects: see them with dobby_projects and \
            add one with dobby_register. Queue work with dobby_add_task, several steps at once with \
            dobby_batch_add, or a draft for the user to approve with dobby_plan_task. Follow progress with \
            dobby_status, dobby_get_task and dobby_detail_status, read outcomes with dobby_results and \
            dobby_list_results, and steer with dobby_cancel and dobby_retry.""";

    private DobbyMcpServer() {
    }

    /** Starts serving on the streams; the SDK reads {@code in} on its own thread. */
    public static McpSyncServer start(HubApi hub, String hubUrl, InputStream in, OutputStream out) {
        List<SyncToolSpecification> tools = DobbyTools.all(hub).stream().map(t -> specification(t, hubUrl)).toList();
        return McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper(), in, out))
                .serverInfo("dobby", Version.current())
                .instructions(INSTRUCTIONS)
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(tools)
                .build();
    }

    static SyncToolSpecification specification(DobbyTool tool, String hubUrl) {
        Tool described = Tool.builder(tool.name(), tool.inputSchema())
                .title(tool.title())
                .description(tool.description())
                .annotations(ToolAnnotations.builder()
                        .title(tool.title())
                        .readOnlyHint(tool.readOnly())
                        .destructiveHint(tool.destructive())
                        .idempotentHint(tool.readOnly())
                        .openWorldHint(false)
                        .build())
                .build();
        return SyncToolSpecification.builder()
                .tool(described)
                .callHandler((exchange, request) -> call(tool, request, hubUrl))
                .build();
    }

    private static CallToolResult call(DobbyTool tool, CallToolRequest request, String hubUrl) {
        try {
            Reply reply = tool.handler().apply(new Args(request.arguments()));
            return CallToolResult.builder()
                    .addContent(TextContent.builder(reply.text()).build())
                    .structuredContent(reply.structured())
                    .isError(false)
                    .build();
        } catch (RuntimeException e) {
            if (e instanceof HubUnreachableException || e instanceof ApiException) {
                log.info("{}: {}", tool.name(), e.getMessage());
            } else if (!(e instanceof IllegalArgumentException)) {
                log.warn("{} failed", tool.name(), e);
            }
            return CallToolResult.builder()
                    .addContent(TextContent.builder(HubErrors.describe(e, hubUrl)).build())
                    .isError(true)
                    .build();
        }
    }
}
