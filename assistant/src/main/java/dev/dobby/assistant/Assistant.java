package dev.dobby.assistant;

/**
 * A language model for Dobby's own small jobs: one bounded question, one answer. Implementations never use tools,
 * never keep a session, and give up after their timeout; a failure is an {@link AssistantException}, and callers
 * fall back to what they do without a model.
 */
public interface Assistant {

    /** How this assistant is called in previews and logs ("Claude Code (claude-haiku-4-5)"). */
    String name();

    Answer ask(Question question);
}
