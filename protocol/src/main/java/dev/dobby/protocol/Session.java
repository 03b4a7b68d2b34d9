package dev.dobby.protocol;

import java.time.Instant;

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

    /** Waiting for a worker, or running. */
    public boolean active() {
        return !state.isTerminal();
    }
}
