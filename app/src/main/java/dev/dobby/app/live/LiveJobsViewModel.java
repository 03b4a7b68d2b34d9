package dev.dobby.app.live;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.Problems;
import dev.dobby.app.fx.Reloader;
import dev.dobby.app.logs.Ansi;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.LogPage;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Live jobs: every running task with the last few lines of its output, read on from where the last look left off
 * (each refresh costs a list call and one log read per running task, whatever the log's length).
 */
public final class LiveJobsViewModel {
    public static final int TAIL = 6;
    static final int MOST = 24;

    /** A running task and the end of its output. */
    public record Job(Task task, List<String> tail) {
    }

    private final ObservableList<Job> jobs = FXCollections.observableArrayList();
    private final StringProperty problem = new SimpleStringProperty("");
    private final Map<Long, Long> cursors = new HashMap<>();
    private final Map<Long, Deque<String>> tails = new HashMap<>();
    private final Reloader<List<Job>> loader;

    public LiveJobsViewModel(HubApi api, Background background) {
        loader = new Reloader<>(background, () -> read(api), list -> {
            problem.set("");
            jobs.setAll(list);
        }, e -> problem.set(Problems.describe(e)));
    }

    public void refresh() {
        loader.request();
    }

    /** Runs on the background thread; the reloader runs one read at a time, so the cursors are not shared. */
    private List<Job> read(HubApi api) {
        List<Task> running = api.listTasks(TaskQuery.all().withStatuses(List.of(TaskStatus.RUNNING))
                .withPage(MOST, 0)).tasks();
        cursors.keySet().retainAll(running.stream().map(Task::id).toList());
        tails.keySet().retainAll(cursors.keySet());
        List<Job> out = new ArrayList<>();
        for (Task task : running) {
            Long cursor = cursors.get(task.id());
            if (cursor == null) {
                // First look: start a little before the end instead of reading a long log from its beginning.
                long lines = api.detailStatus(task.id()).outputLines();
                cursor = Math.max(0, lines - TAIL);
            }
            Deque<String> tail = tails.computeIfAbsent(task.id(), k -> new ArrayDeque<>());
            LogPage page = api.logs(task.id(), cursor, 500);
            for (LogLine line : page.lines()) {
                tail.addLast(Ansi.strip(line.text()));
                while (tail.size() > TAIL) {
                    tail.removeFirst();
                }
            }
            cursors.put(task.id(), page.next());
            out.add(new Job(task, List.copyOf(tail)));
        }
        return out;
    }

    public ObservableList<Job> jobs() {
        return jobs;
    }

    public StringProperty problemProperty() {
        return problem;
    }
}
