package dev.dobby.protocol.work;

/** Names one attempt and proves the caller is the worker that holds it. */
public record AttemptRef(long attemptId, String token) {
    @Override
    public String toString() {
        return "attempt " + attemptId;
    }
}
