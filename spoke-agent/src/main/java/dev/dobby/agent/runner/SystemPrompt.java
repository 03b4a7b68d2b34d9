package dev.dobby.agent.runner;

/** The extra instructions an agent gets: the project's context first, then what the task adds. */
public final class SystemPrompt {
    private SystemPrompt() {
    }

    /** Both parts joined by a blank line, or null when there is neither. */
    public static String join(String context, String extra) {
        boolean hasContext = context != null && !context.isBlank();
        boolean hasExtra = extra != null && !extra.isBlank();
        if (hasContext && hasExtra) {
            return context.strip() + "\n\n" + extra.strip();
        }
        return hasContext ? context.strip() : hasExtra ? extra.strip() : null;
    }
}
