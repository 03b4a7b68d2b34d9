package dev.dobby.protocol;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Remote Control session as the hub reports it: the task that runs it, and what its CLI printed.
 *
 * @param id      the task's id (cancel it to stop the session)
 * @param worker  the worker it runs (or ran) on; null until one took it
 * @param link    the first https URL the CLI printed, where the session is opened; null until it printed one
 * @param status  the latest line the CLI printed, or why the session waits or ended
 */
public record Session(long id, String name, String project, TaskStatus state, String worker, String link,
                      String status, Instant createdAt, Instant startedAt, Instant finishedAt) {

    private static final Pattern HTTPS_URL = Pattern.compile("https://[^\\s\"'<>()\\[\\]{}`]+");

    /**
     * The link in a line the CLI printed, if it has one. What Remote Control prints is not a contract, so any
     * https URL counts.
     */
    public static Optional<String> linkIn(String line) {
        Matcher url = HTTPS_URL.matcher(line == null ? "" : line);
        // A sentence's full stop or comma after the URL is not part of it.
        return url.find() ? Optional.of(url.group().replaceFirst("[.,;:!?]+$", "")) : Optional.empty();
    }

    /** Waiting for a worker, or running. */
    public boolean active() {
        return !state.isTerminal();
    }
}
