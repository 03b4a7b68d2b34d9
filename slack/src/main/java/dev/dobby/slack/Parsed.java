package dev.dobby.slack;

import java.util.List;

/** What a message to the bot asks for: a {@link Command}, or tasks to queue once confirmed. */
public sealed interface Parsed permits Command, Parsed.Submission {

    /** One or more tasks: a bullet list gives one per bullet. */
    record Submission(List<TaskRequest> tasks) implements Parsed {
        public Submission {
            tasks = List.copyOf(tasks);
        }
    }
}
