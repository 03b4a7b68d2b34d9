package dev.dobby.protocol;

/** No hub answered at the address: it is not running, or the address is wrong. */
public class HubUnreachableException extends RuntimeException {
    private final String url;

    public HubUnreachableException(String url, Throwable cause) {
        super("no hub at " + url + " (" + describe(cause) + ")", cause);
        this.url = url;
    }

    public String url() {
        return url;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
