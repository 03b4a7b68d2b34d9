package dev.dobby.hub.http;

import java.time.DateTimeException;
import java.util.Optional;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;

/**
 * Recognises exceptions that a request caused rather than the hub: a body cut short or badly chunked (Jetty's
 * bad-message and early-EOF exceptions) and numbers or dates too large for the arithmetic they feed. They are
 * answered with a 4xx and logged in one line; a stack trace in the log would only send someone looking for a bug.
 */
final class ClientFaults {
    /** A status and a one-line message for the client. */
    record Fault(int status, String message) {
    }

    private ClientFaults() {
    }

    static Optional<Fault> of(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return Optional.of(new Fault(http.getCode(), "the request could not be read: " + reason(t,
                        http.getReason())));
            }
            // Jetty's own: a plain EOFException can as well be the database connection dropping under a write
            // (the PostgreSQL driver's), which is the hub's trouble, not the request's.
            if (t instanceof EofException) {
                return Optional.of(new Fault(400, "the request body ended early"));
            }
            if (t instanceof DateTimeException || t instanceof ArithmeticException) {
                return Optional.of(new Fault(400, "a number, date or duration in the request is out of range"));
            }
        }
        return Optional.empty();
    }

    private static String reason(Throwable t, String reason) {
        String text = reason != null && !reason.isBlank() ? reason : t.getMessage();
        return text == null || text.isBlank() ? "malformed" : text.lines().findFirst().orElse("malformed");
    }
}
