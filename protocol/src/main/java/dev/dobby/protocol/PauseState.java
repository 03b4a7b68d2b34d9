package dev.dobby.protocol;

import java.time.Instant;
import java.util.Map;

/**
 * The kill switch (GET /pause): whether dispatch is paused for the whole hub and for which projects. While paused,
 * no new task of that scope starts; running ones go on unless the pause asked to stop them.
 *
 * @param paused   the whole hub is paused
 * @param since    when the hub-wide pause began (null when not paused)
 * @param by       who paused the hub (null when not paused)
 * @param projects projects paused on their own, by name
 */
public record PauseState(boolean paused, Instant since, String by, Map<String, Entry> projects) {
    public static final PauseState NONE = new PauseState(false, null, null, Map.of());

    public PauseState {
        projects = projects == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(projects));
    }

    /** One project's pause. */
    public record Entry(Instant since, String by) {
    }

    /** Whether a task of {@code project} may not start now. */
    public boolean blocks(String project) {
        return paused || projects.containsKey(project);
    }
}
