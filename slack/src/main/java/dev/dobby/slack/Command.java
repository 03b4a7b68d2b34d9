package dev.dobby.slack;

import java.time.Duration;

/** A question for the bot rather than work for an agent. */
public sealed interface Command extends Parsed {

    /** Bullet overview of the tasks created within {@code range}. */
    record Status(Duration range) implements Command {
    }

    /** A fuller digest of the tasks created within {@code range}, of one project or (null) all of them. */
    record Summary(String project, Duration range) implements Command {
    }

    /** Tasks running now. */
    record Running() implements Command {
    }

    /** Registered projects. */
    record Projects() implements Command {
    }

    record Help() implements Command {
    }
}
