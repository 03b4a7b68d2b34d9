package dev.dobby.mcp.tools;

import dev.dobby.protocol.HubApi;
import java.util.ArrayList;
import java.util.List;

/** Every tool the MCP server offers, each a thin layer over one or two {@link HubApi} calls. */
public final class DobbyTools {
    private DobbyTools() {
    }

    public static List<DobbyTool> all(HubApi hub) {
        List<DobbyTool> tools = new ArrayList<>();
        tools.addAll(new TaskTools(hub).tools());
        tools.addAll(new ResultTools(hub).tools());
        tools.addAll(new ProjectTools(hub).tools());
        tools.addAll(new DispatchTools(hub).tools());
        tools.addAll(new GpuTools(hub).tools());
        tools.addAll(new SessionTools(hub).tools());
        return List.copyOf(tools);
    }
}
