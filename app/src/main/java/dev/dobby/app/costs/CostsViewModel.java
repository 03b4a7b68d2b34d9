package dev.dobby.app.costs;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.fx.Problems;
import dev.dobby.app.fx.Reloader;
import dev.dobby.protocol.Costs;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskFinished;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the agents cost, per project per day, over the last {@value #DAYS} days: a chart of cost (or tokens) per
 * day stacked by project, and a table of each project's totals. Both honour the project filter.
 */
public final class CostsViewModel {
    public static final int DAYS = 30;

    /** One project's totals over the period. */
    public record Total(String project, long attempts, long tokensIn, long tokensOut, double costUsd) {
    }

    private final ObjectProperty<Costs> costs = new SimpleObjectProperty<>();
    private final ObservableList<String> projects = FXCollections.observableArrayList();
    private final StringProperty project = new SimpleStringProperty();
    private final BooleanProperty tokens = new SimpleBooleanProperty();
    private final ObservableList<Total> totals = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final Reloader<Costs> loader;

    public CostsViewModel(HubApi api, Background background) {
        loader = new Reloader<>(background, () -> api.costs(DAYS, null), loaded -> {
            problem.set("");
            projects.setAll(loaded.days().stream().map(Costs.Day::project).distinct().sorted().toList());
            costs.set(loaded);
            publish();
        }, e -> problem.set(Problems.describe(e)));
        project.addListener((obs, old, now) -> publish());
    }

    public void refresh() {
        loader.request();
    }

    public void onEvents(EventBridge.Batch batch) {
        for (HubEvent event : batch.hub()) {
            if (event instanceof TaskFinished) {
                loader.request();
                return;
            }
        }
    }

    private List<Costs.Day> shown() {
        Costs loaded = costs.get();
        if (loaded == null) {
            return List.of();
        }
        String only = project.get();
        return loaded.days().stream().filter(d -> only == null || only.equals(d.project())).toList();
    }

    private void publish() {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Double> money = new TreeMap<>();
        for (Costs.Day day : shown()) {
            long[] c = counts.computeIfAbsent(day.project(), k -> new long[3]);
            c[0] += day.attempts();
            c[1] += day.tokensIn();
            c[2] += day.tokensOut();
            money.merge(day.project(), day.costUsd(), Double::sum);
        }
        List<Total> list = new ArrayList<>();
        counts.forEach((name, c) -> list.add(new Total(name, c[0], c[1], c[2], money.get(name))));
        list.sort((a, b) -> Double.compare(b.costUsd(), a.costUsd()));
        totals.setAll(list);
        double cost = list.stream().mapToDouble(Total::costUsd).sum();
        long used = list.stream().mapToLong(t -> t.tokensIn() + t.tokensOut()).sum();
        long attempts = list.stream().mapToLong(Total::attempts).sum();
        summary.set(String.format(Locale.ROOT, "Last %d days%s: %s API-equivalent · %s tokens · %,d attempt%s", DAYS,
                project.get() == null ? "" : " in " + project.get(), dollars(cost), compact(used), attempts,
                attempts == 1 ? "" : "s"));
    }

    /** Per project, its value on each day of the period (zero where it ran nothing), oldest day first. */
    public Map<String, Map<LocalDate, Double>> series() {
        Costs loaded = costs.get();
        Map<String, Map<LocalDate, Double>> out = new LinkedHashMap<>();
        if (loaded == null) {
            return out;
        }
        for (Costs.Day day : shown()) {
            Map<LocalDate, Double> line = out.computeIfAbsent(day.project(), k -> {
                Map<LocalDate, Double> empty = new LinkedHashMap<>();
                for (LocalDate d = loaded.from(); !d.isAfter(loaded.to()); d = d.plusDays(1)) {
                    empty.put(d, 0.0);
                }
                return empty;
            });
            line.merge(day.day(), tokens.get() ? (double) (day.tokensIn() + day.tokensOut()) : day.costUsd(),
                    Double::sum);
        }
        return out;
    }

    public List<LocalDate> days() {
        Costs loaded = costs.get();
        List<LocalDate> out = new ArrayList<>();
        if (loaded != null) {
            for (LocalDate d = loaded.from(); !d.isAfter(loaded.to()); d = d.plusDays(1)) {
                out.add(d);
            }
        }
        return out;
    }

    public static String dollars(double value) {
        return value < 0.01 && value > 0 ? "<$0.01" : String.format(Locale.ROOT, "$%,.2f", value);
    }

    /** "1.2M", "35k", "800". */
    public static String compact(long value) {
        if (value >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", value / 1e6);
        }
        if (value >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", value / 1e3);
        }
        return String.format(Locale.ROOT, "%,d", value);
    }

    public ObjectProperty<Costs> costsProperty() {
        return costs;
    }

    public ObservableList<String> projects() {
        return projects;
    }

    public StringProperty projectProperty() {
        return project;
    }

    /** Whether the chart counts tokens rather than dollars. */
    public BooleanProperty tokensProperty() {
        return tokens;
    }

    public ObservableList<Total> totals() {
        return totals;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty problemProperty() {
        return problem;
    }
}
