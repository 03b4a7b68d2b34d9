package dev.dobby.protocol;

/**
 * A request the hub refused or could not serve, with the HTTP status that says why. The in-process API throws
 * it and the HTTP client rebuilds it from a response, so callers handle both the same way.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final transient Object details;

    public ApiException(int status, String message) {
        this(status, message, null);
    }

    public ApiException(int status, String message, Object details) {
        super(message);
        this.status = status;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public Object details() {
        return details;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    public static ApiException notImplemented(String message) {
        return new ApiException(501, message);
    }
}
