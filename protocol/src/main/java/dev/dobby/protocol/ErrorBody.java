package dev.dobby.protocol;

/** The one shape of every error the hub answers: a sentence for people and optional detail for programs. */
public record ErrorBody(String error, Object details) {
    public static ErrorBody of(String message) {
        return new ErrorBody(message, null);
    }
}
