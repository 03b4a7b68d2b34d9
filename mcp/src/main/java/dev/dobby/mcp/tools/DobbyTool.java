package dev.dobby.mcp.tools;

import java.util.Map;
import java.util.function.Function;

/**
 * One MCP tool: its name, what a model reads about it, its argument schema, and what it does.
 *
 * @param readOnly    the tool only reads (status, results); lets clients call it without asking
 * @param destructive the tool stops or discards work (cancel)
 */
public record DobbyTool(
        String name,
        String title,
        String description,
        Map<String, Object> inputSchema,
        boolean readOnly,
        boolean destructive,
        Function<Args, Reply> handler) {

    public static DobbyTool reading(String name, String title, String description, Map<String, Object> schema,
                                    Function<Args, Reply> handler) {
        return new DobbyTool(name, title, description, schema, true, false, handler);
    }

    public static DobbyTool changing(String name, String title, String description, Map<String, Object> schema,
                                     Function<Args, Reply> handler) {
        return new DobbyTool(name, title, description, schema, false, false, handler);
    }

    public static DobbyTool destructive(String name, String title, String description, Map<String, Object> schema,
                                        Function<Args, Reply> handler) {
        return new DobbyTool(name, title, description, schema, false, true, handler);
    }
}
