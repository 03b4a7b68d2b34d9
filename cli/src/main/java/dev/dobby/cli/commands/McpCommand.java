package dev.dobby.cli.commands;

import dev.dobby.mcp.McpMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "mcp",
        description = "Serve Dobby's tools to Claude Code (or any MCP client) over stdin and stdout.",
        footer = {"",
                "Talks to the hub at DOBBY_URL (default http://127.0.0.1:8420) with DOBBY_API_KEY.",
                "Stdout carries only MCP messages; logs go to stderr. It stops when its client closes stdin.",
                "",
                "In .mcp.json:",
                "  {\"mcpServers\": {\"dobby\": {\"command\": \"dobby\", \"args\": [\"mcp\"],",
                "                              \"env\": {\"DOBBY_URL\": \"http://127.0.0.1:8420\"}}}}"})
public final class McpCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return McpMain.run(System.getenv());
    }
}
