package dev.dobby.mcp.tools;

/** A tool call that cannot be answered, with a message already written for the model. */
public final class ToolRefusal extends RuntimeException {
    public ToolRefusal(String message) {
        super(message);
    }
}
