package dev.dobby.assistant;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks each assistant in turn until one answers; when all fail (or there are none) the caller does without. Each
 * failure is logged in one line, never with the prompt.
 */
public final class FirstAvailable {
    private static final Logger log = LoggerFactory.getLogger(FirstAvailable.class);

    private final List<Assistant> assistants;

    public FirstAvailable(List<Assistant> assistants) {
        this.assistants = List.copyOf(assistants);
    }

    public boolean isEmpty() {
        return assistants.isEmpty();
    }

    public List<String> names() {
        return assistants.stream().map(Assistant::name).toList();
    }

    /**
     * @param check throws {@link AssistantException} for an answer that is not usable (wrong shape), which moves on
     *              to the next assistant
     * @param spent told about every call that cost something, usable or not
     */
    public <T> Attempt<T> ask(Question question, Checker<T> check, java.util.function.BiConsumer<Question, Answer> spent) {
        List<String> failures = new ArrayList<>();
        for (Assistant assistant : assistants) {
            try {
                Answer answer = assistant.ask(question);
                spent.accept(question, answer);
                return new Attempt<>(check.check(answer), answer, failures);
            } catch (AssistantException e) {
                log.warn("{} gave no usable answer: {}", assistant.name(), e.getMessage());
                failures.add(assistant.name() + ": " + e.getMessage());
            }
        }
        return new Attempt<>(null, null, failures);
    }

    /** The checked answer, or null (and {@code answer} null) when no assistant gave one. */
    public record Attempt<T>(T value, Answer answer, List<String> failures) {
        public boolean answered() {
            return answer != null;
        }
    }

    @FunctionalInterface
    public interface Checker<T> {
        T check(Answer answer);
    }
}
