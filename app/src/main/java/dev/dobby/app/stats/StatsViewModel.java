package dev.dobby.app.stats;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.fx.Problems;
import dev.dobby.app.fx.Reloader;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.Stats;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.UsageWindow;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskCreated;
import dev.dobby.protocol.event.TaskFinished;
import dev.dobby.protocol.event.TaskProgress;
import dev.dobby.protocol.event.TaskStatusChanged;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Totals over the history, and how much of each agent account's rate-limit windows is used. */
public final class StatsViewModel {

    /** One usage bar: a fraction 0..1, or null when unknown. */
    public record UsageBar(String label, Double fraction, String text) {
    }

    public record StatusCount(TaskStatus status, long count) {
    }

    private record Loaded(Stats stats, List<UsageWindow> usage) {
    }

    private final ObjectProperty<Stats> stats = new SimpleObjectProperty<>();
    private final ObservableList<StatusCount> byStatus = FXCollections.observableArrayList();
    private final ObservableList<UsageBar> usage = FXCollections.observableArrayList();
    private final StringProperty totals = new SimpleStringProperty("");
    private final StringProperty usageNote = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final Reloader<Loaded> loader;

    public StatsViewModel(HubApi api, Background background) {
        this.loader = new Reloader<>(background, () -> new Loaded(api.stats(), api.usage()), this::loaded,
                e -> problem.set(Problems.describe(e)));
    }

    public void refresh() {
        loader.request();
    }

    public void onEvents(EventBridge.Batch batch) {
        for (HubEvent event : batch.hub()) {
            if (event instanceof TaskFinished || event instanceof TaskCreated || event instanceof TaskStatusChanged
                    || event instanceof TaskProgress) {
                loader.request();
                return;
            }
        }
    }

    private void loaded(Loaded loaded) {
        problem.set("");
        Stats s = loaded.stats();
        stats.set(s);
        List<StatusCount> counts = new ArrayList<>();
        for (TaskStatus status : TaskStatus.values()) {
            counts.add(new StatusCount(status, s.byStatus().getOrDefault(status, 0L)));
        }
        byStatus.setAll(counts);
        totals.set(String.format(Locale.ROOT, "%,d tasks · %,d tokens in · %,d out · $%.2f", s.tasks(), s.tokensIn(),
                s.tokensOut(), s.costUsd())
                + (s.avgDurationSeconds() == null ? "" : String.format(Locale.ROOT, " · %.0f s per run on average",
                s.avgDurationSeconds())));
        usage.setAll(loaded.usage().stream()
                .filter(w -> !w.isLogin())
                .sorted(Comparator.comparing(UsageWindow::account, Comparator.nullsLast(String::compareTo))
                        .thenComparing(UsageWindow::window, Comparator.nullsLast(String::compareTo)))
                .map(w -> bar(w, java.time.Instant.now()))
                .toList());
        usageNote.set(usageNote(loaded.usage()));
    }

    /** What the bars cannot say: accounts that log in with an API key have no windows at all. */
    static String usageNote(List<UsageWindow> all) {
        java.util.Set<String> withWindows = new java.util.HashSet<>();
        all.stream().filter(w -> !w.isLogin()).forEach(w -> withWindows.add(w.account()));
        List<String> keyOnly = all.stream()
                .filter(w -> w.isLogin() && UsageWindow.API_KEY.equals(w.status()))
                .map(UsageWindow::account)
                .filter(account -> !withWindows.contains(account))
                .sorted()
                .toList();
        if (!keyOnly.isEmpty()) {
            return String.join(", ", keyOnly) + ": no quota data (API key)";
        }
        return withWindows.isEmpty() ? "Usage: unknown — no agent has reported its rate limits yet." : "";
    }

    static UsageBar bar(UsageWindow w, java.time.Instant now) {
        String label = (w.account() == null ? "?" : w.account()) + " · " + dev.dobby.protocol.UsageText.windowName(
                w.window());
        if (w.utilization() == null) {
            return new UsageBar(label, null, "unknown" + (w.status() == null ? "" : " (" + w.status() + ")"));
        }
        double fraction = Math.clamp(w.utilization(), 0.0, 1.0);
        String text = String.format(Locale.ROOT, "%.0f%%", fraction * 100)
                + (w.resetsAt() == null ? "" : " · " + dev.dobby.protocol.UsageText.resets(w.resetsAt(), now));
        return new UsageBar(label, fraction, text);
    }

    public long count(TaskStatus status) {
        Stats s = stats.get();
        return s == null ? 0 : s.byStatus().getOrDefault(status, 0L);
    }

    public ObjectProperty<Stats> statsProperty() {
        return stats;
    }

    public ObservableList<StatusCount> byStatus() {
        return byStatus;
    }

    public ObservableList<UsageBar> usage() {
        return usage;
    }

    public StringProperty totalsProperty() {
        return totals;
    }

    /** "unknown" when no agent reported usage. */
    public StringProperty usageNoteProperty() {
        return usageNote;
    }

    public StringProperty problemProperty() {
        return problem;
    }
}
