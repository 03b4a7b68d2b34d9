package dev.dobby.app.heatmap;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.fx.Problems;
import dev.dobby.app.fx.Reloader;
import dev.dobby.protocol.Activity;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskFinished;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Tasks ended per day over a year, for one project or all; clicking a day lists that day's tasks. Days are the
 * hub's calendar days.
 */
public final class HeatmapViewModel {
    public static final int DAYS = 365;
    // A task that ended on a day was created at most this long before it, for the day's list.
    private static final int LOOKBACK_DAYS = 30;

    /** One square of the map. */
    public record Cell(LocalDate day, int completed, int failed) {
        public int total() {
            return completed + failed;
        }
    }

    private final HubApi api;
    private final Background background;
    private final ObservableList<Cell> cells = FXCollections.observableArrayList();
    private final ObservableList<String> projects = FXCollections.observableArrayList();
    private final StringProperty project = new SimpleStringProperty();
    private final IntegerProperty busiest = new SimpleIntegerProperty();
    private final ObjectProperty<LocalDate> day = new SimpleObjectProperty<>();
    private final ObservableList<Task> dayTasks = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final Reloader<Activity> loader;
    private Activity activity;

    private int[] active = new int[0];

    public HeatmapViewModel(HubApi api, Background background) {
        this.api = api;
        this.background = background;
        this.loader = new Reloader<>(background, () -> api.activity(DAYS), this::loaded,
                e -> problem.set(Problems.describe(e)));
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

    private void loaded(Activity value) {
        activity = value;
        problem.set("");
        projects.setAll(value.days().stream().map(Activity.Day::project).filter(Objects::nonNull).distinct().sorted()
                .toList());
        publish();
    }

    private void publish() {
        if (activity == null) {
            return;
        }
        String only = project.get() == null || project.get().isBlank() ? null : project.get();
        Map<LocalDate, int[]> counts = new LinkedHashMap<>();
        for (LocalDate d = activity.from(); !d.isAfter(activity.to()); d = d.plusDays(1)) {
            counts.put(d, new int[2]);
        }
        for (Activity.Day d : activity.days()) {
            if (only == null || only.equals(d.project())) {
                int[] c = counts.computeIfAbsent(d.day(), k -> new int[2]);
                c[0] += d.completed();
                c[1] += d.failed();
            }
        }
        List<Cell> list = new ArrayList<>();
        counts.forEach((d, c) -> list.add(new Cell(d, c[0], c[1])));
        // The scale comes before the cells: a view that draws on the cells' change reads it already set.
        active = list.stream().mapToInt(Cell::total).filter(n -> n > 0).sorted().toArray();
        busiest.set(list.stream().mapToInt(Cell::total).max().orElse(0));
        cells.setAll(list);
        int completed = list.stream().mapToInt(Cell::completed).sum();
        int failed = list.stream().mapToInt(Cell::failed).sum();
        summary.set(completed + " completed, " + failed + " failed in the last " + DAYS + " days"
                + (only == null ? "" : " in " + only));
    }

    /** The day's shade, 0 (nothing ended) to 4, by where its count ranks among the active days of the year. */
    public int level(Cell cell) {
        return level(cell.total(), active);
    }

    /**
     * Quantile buckets, as GitHub's contribution graph: an active day's level is the quarter of the active days
     * its count falls in (ranked from the lowest of equal counts), so one very busy day darkens only itself
     * instead of paling the rest of the year.
     */
    static int level(int total, int[] sortedActive) {
        if (total <= 0 || sortedActive.length == 0) {
            return 0;
        }
        int below = 0;
        while (below < sortedActive.length && sortedActive[below] < total) {
            below++;
        }
        return Math.max(1, Math.min(4, (int) Math.ceil(4.0 * (below + 1) / sortedActive.length)));
    }

    /** For the legend: the counts each level covers ("1", "2–3", "4–9", "10+"), empty where no day has it. */
    public List<String> legend() {
        List<String> ranges = new ArrayList<>();
        for (int level = 1; level <= 4; level++) {
            int low = Integer.MAX_VALUE;
            int high = 0;
            for (int n : active) {
                if (level(n, active) == level) {
                    low = Math.min(low, n);
                    high = Math.max(high, n);
                }
            }
            ranges.add(high == 0 ? "" : low == high ? Integer.toString(low) : low + "–" + high);
        }
        return ranges;
    }

    /** Lists the tasks that ended on {@code value} (in the hub's time zone). */
    public void selectDay(LocalDate value) {
        day.set(value);
        dayTasks.clear();
        if (value == null || activity == null) {
            return;
        }
        ZoneId zone = zone();
        String only = project.get() == null || project.get().isBlank() ? null : project.get();
        background.call(() -> api.listTasks(TaskQuery.all()
                        .withStatuses(Arrays.stream(TaskStatus.values()).filter(TaskStatus::isTerminal).toList())
                        .withProject(only)
                        .withSince(value.minusDays(LOOKBACK_DAYS).atStartOfDay(zone).toInstant())
                        .withPage(TaskQuery.MAX_LIMIT, 0)).tasks().stream()
                        .filter(t -> t.finishedAt() != null && t.finishedAt().atZone(zone).toLocalDate().equals(value))
                        .toList(),
                tasks -> {
                    if (value.equals(day.get())) {
                        dayTasks.setAll(tasks);
                    }
                }, e -> problem.set(Problems.describe(e)));
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(activity.timeZone());
        } catch (RuntimeException e) {
            return ZoneId.systemDefault();
        }
    }

    public ObservableList<Cell> cells() {
        return cells;
    }

    public ObservableList<String> projects() {
        return projects;
    }

    public StringProperty projectProperty() {
        return project;
    }

    public IntegerProperty busiestProperty() {
        return busiest;
    }

    public ObjectProperty<LocalDate> dayProperty() {
        return day;
    }

    public ObservableList<Task> dayTasks() {
        return dayTasks;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty problemProperty() {
        return problem;
    }
}
