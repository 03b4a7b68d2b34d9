package dev.dobby.hub.core;

import dev.dobby.hub.store.AttemptRecord;
import dev.dobby.hub.store.ReadTx;
import dev.dobby.hub.store.Store;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.PauseRequest;
import dev.dobby.protocol.PauseState;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.DispatchPaused;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kill switch: dispatch paused for the whole hub or for single projects, kept in the store (so it survives a
 * restart) and announced as a {@code dispatch.paused} event. A pause that asks to stop running tasks ends them as
 * cancelled, reason "paused".
 */
public final class PauseControl {
    static final String KEY = "dispatch_pause";
    private static final int MAX_BY = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Store store;
    private final WorkService work;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final ZoneId zone;

    public PauseControl(Store store, WorkService work, Dispatcher dispatcher, Clock clock, ZoneId zone) {
        this.store = store;
        this.work = work;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.zone = zone;
    }

    public PauseState state() {
        return store.read(PauseControl::read);
    }

    static PauseState read(ReadTx tx) {
        return tx.hubState(KEY).map(json -> Json.read(json, PauseState.class)).orElse(PauseState.NONE);
    }

    public PauseState pause(PauseRequest request) {
        PauseRequest r = request == null ? PauseRequest.hub() : request;
        String by = by(r);
        List<AttemptRecord> stopped = new ArrayList<>();
        PauseState after = store.write(tx -> {
            Instant now = clock.instant();
            PauseState before = read(tx);
            PauseState state;
            if (r.project() == null) {
                state = before.paused() ? before : new PauseState(true, now, by, before.projects());
            } else {
                String project = Validate.name(r.project(), "project");
                if (tx.project(project).isEmpty()) {
                    throw ApiException.notFound("no project '" + project + "'");
                }
                Map<String, PauseState.Entry> projects = new HashMap<>(before.projects());
                projects.putIfAbsent(project, new PauseState.Entry(now, by));
                state = new PauseState(before.paused(), before.since(), before.by(), projects);
            }
            if (r.stopsRunning()) {
                for (AttemptRecord attempt : tx.runningAttempts()) {
                    Task task = tx.task(attempt.taskId()).orElseThrow();
                    if (task.status() == TaskStatus.RUNNING && (r.project() == null || r.project().equals(task.project()))) {
                        work.ending().endByHub(tx, task, attempt, TaskStatus.CANCELLED, "paused", now);
                        stopped.add(attempt);
                    }
                }
            }
            if (!state.equals(before)) {
                tx.setHubState(KEY, Json.write(state));
                tx.record(new DispatchPaused(0, now, state));
            }
            return state;
        });
        stopped.forEach(work::attemptStopped);
        dispatcher.wake();
        return after;
    }

    public PauseState unpause(PauseRequest request) {
        PauseRequest r = request == null ? PauseRequest.hub() : request;
        PauseState after = store.write(tx -> {
            PauseState before = read(tx);
            PauseState state;
            if (r.project() == null) {
                // Everything dispatches again: the hub and every project.
                state = PauseState.NONE;
            } else {
                String project = Validate.name(r.project(), "project");
                if (tx.project(project).isEmpty()) {
                    throw ApiException.notFound("no project '" + project + "'");
                }
                Map<String, PauseState.Entry> projects = new HashMap<>(before.projects());
                projects.remove(project);
                state = new PauseState(before.paused(), before.since(), before.by(), projects);
            }
            if (!state.equals(before)) {
                tx.setHubState(KEY, Json.write(state));
                tx.record(new DispatchPaused(0, clock.instant(), state));
            }
            return state;
        });
        dispatcher.wake();
        return after;
    }

    /** "dispatch is paused (since 14:05 by alice)", or for the project; empty when its tasks may start. */
    Optional<String> reason(PauseState state, String project) {
        if (state.paused()) {
            return Optional.of("dispatch is paused (" + since(state.since(), state.by()) + ")");
        }
        PauseState.Entry entry = state.projects().get(project);
        if (entry != null) {
            return Optional.of("dispatch of project " + project + " is paused (" + since(entry.since(), entry.by()) + ")");
        }
        return Optional.empty();
    }

    private String since(Instant at, String by) {
        String when = at == null ? "" : "since " + TIME.format(at.atZone(zone));
        String who = by == null || by.isBlank() ? "" : (when.isEmpty() ? "" : " ") + "by " + by;
        return when + who;
    }

    private static String by(PauseRequest r) {
        if (r.by() == null || r.by().isBlank()) {
            return "the API";
        }
        String by = r.by().strip();
        if (by.length() > MAX_BY || by.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("by must be a short name without control characters");
        }
        return by;
    }
}
