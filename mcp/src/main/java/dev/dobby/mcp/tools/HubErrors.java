package dev.dobby.mcp.tools;

import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubUnreachableException;

/** Turns a failed hub call into a message that tells a model what went wrong and what to do next. */
public final class HubErrors {
    private HubErrors() {
    }

    public static String describe(RuntimeException e, String hubUrl) {
        if (e instanceof HubUnreachableException unreachable) {
            return "Cannot reach the Dobby hub at " + unreachable.url() + ". It is probably not running: ask the "
                    + "user to start it with `dobby start`, or to set DOBBY_URL in this MCP server's settings to "
                    + "the hub's address. Then call the tool again. (" + unreachable.getMessage() + ")";
        }
        if (e instanceof ApiException api) {
            return describe(api, hubUrl);
        }
        if (e instanceof ToolRefusal refusal) {
            return refusal.getMessage();
        }
        if (e instanceof IllegalArgumentException illegal) {
            return "Invalid arguments: " + illegal.getMessage() + ". Fix the arguments and call the tool again.";
        }
        return "The Dobby MCP server failed unexpectedly: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String describe(ApiException e, String hubUrl) {
        int status = e.status();
        String message = e.getMessage();
        return switch (status) {
            case 401, 403 -> "The Dobby hub at " + hubUrl + " refused this server's API key (HTTP " + status + ": "
                    + message + "). Ask the user to set DOBBY_API_KEY in this MCP server's settings to the hub's "
                    + "api_key; calling again will not help until then.";
            case 404 -> "Not found: " + message + ". Use dobby_status to see task ids and dobby_projects to see "
                    + "registered projects.";
            case 409 -> "The hub refused: " + message + ". The task's current state does not allow this; check it "
                    + "with dobby_get_task.";
            case 400, 413, 422 -> "The hub refused the request: " + message
                    + ". Fix the arguments and call the tool again.";
            default -> status >= 500
                    ? "The hub failed while handling the request (HTTP " + status + ": " + message + "). This is a "
                            + "problem on the hub's side, not with the arguments; its log has the details."
                    : "The hub refused the request (HTTP " + status + "): " + message;
        };
    }
}
