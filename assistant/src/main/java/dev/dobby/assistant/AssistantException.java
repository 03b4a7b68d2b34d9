package dev.dobby.assistant;

/** An assistant gave no usable answer: it is missing, timed out, was refused, or answered nonsense. */
public class AssistantException extends RuntimeException {
    public AssistantException(String message) {
        super(message);
    }

    public AssistantException(String message, Throwable cause) {
        super(message, cause);
    }
}
