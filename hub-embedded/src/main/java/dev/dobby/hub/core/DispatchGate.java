package dev.dobby.hub.core;

import dev.dobby.hub.store.ReadTx;
import dev.dobby.protocol.PauseState;
import dev.dobby.protocol.Stats;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What may keep a pending task from starting besides workers and concurrency: the kill switch and the budgets. The
 * dispatcher asks it before each claim; detail-status asks it for the waiting reason.
 */
public final class DispatchGate {
    private final PauseControl pauses;
    private final Budgets budgets;
    private final ZoneId zone;

    public DispatchGate(PauseControl pauses, Budgets budgets, ZoneId zone) {
        this.pauses = pauses;
        this.budgets = budgets;
        this.zone = zone;
    }

    public PauseControl pauses() {
        return pauses;
    }

    public Budgets budgets() {
        return budgets;
    }

    /** What may not start now: everything ({@code all}), or the tasks of these projects. */
    public record Closed(boolean all, List<String> projects) {
        static final Closed NOTHING = new Closed(false, List.of());
    }

    public Closed closed(ReadTx tx) {
        PauseState state = PauseControl.read(tx);
        if (state.paused()) {
            return new Closed(true, List.of());
        }
        Set<String> projects = new LinkedHashSet<>(state.projects().keySet());
        for (Stats.Budget reached : budgets.reached(tx)) {
            if (reached.project() == null) {
                return new Closed(true, List.of());
            }
            projects.add(reached.project());
        }
        return projects.isEmpty() ? Closed.NOTHING : new Closed(false, new ArrayList<>(projects));
    }

    /** Why a pending task of {@code project} may not start now because of a pause or a budget. */
    public Optional<String> reason(ReadTx tx, String project) {
        Optional<String> paused = pauses.reason(PauseControl.read(tx), project);
        if (paused.isPresent()) {
            return paused;
        }
        return Budgets.reason(budgets.reached(tx), project, zone);
    }
}
