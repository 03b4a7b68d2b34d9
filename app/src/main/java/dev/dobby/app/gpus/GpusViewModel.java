package dev.dobby.app.gpus;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.fx.Problems;
import dev.dobby.app.fx.Reloader;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.event.GpusChanged;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.JobChanged;
import dev.dobby.protocol.gpu.GpuHistory;
import dev.dobby.protocol.gpu.GpuSeries;
import dev.dobby.protocol.gpu.TrackedJob;
import dev.dobby.protocol.gpu.WorkerGpus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Every worker's GPUs with the last hours of history, and the tracked jobs; reloaded on GPU and job events. */
public final class GpusViewModel {
    static final Duration HISTORY = Duration.ofHours(6);

    /** A worker's GPUs and each GPU's history ("worker/index" to its series). */
    record Loaded(List<WorkerGpus> workers, Map<String, GpuSeries> history, List<TrackedJob> jobs) {
    }

    private final ObservableList<WorkerGpus> workers = FXCollections.observableArrayList();
    private final ObservableList<TrackedJob> jobs = FXCollections.observableArrayList();
    private volatile Map<String, GpuSeries> history = Map.of();
    private final StringProperty problem = new SimpleStringProperty("");
    private final Reloader<Loaded> loader;
    private final HubApi api;
    private final Background background;

    public GpusViewModel(HubApi api, Background background, Clock clock) {
        this.api = api;
        this.background = background;
        this.loader = new Reloader<>(background, () -> {
            GpuHistory loaded = api.gpuHistory(null, null, clock.instant().minus(HISTORY));
            return new Loaded(api.gpus(), loaded.series().stream().collect(Collectors.toMap(
                    s -> key(s.worker(), s.gpu()), Function.identity(), (a, b) -> a)), api.jobs(null));
        }, this::loaded, e -> problem.set(Problems.describe(e)));
    }

    static String key(String worker, int gpu) {
        return worker + "/" + gpu;
    }

    public void refresh() {
        loader.request();
    }

    public void onEvents(EventBridge.Batch batch) {
        for (HubEvent event : batch.hub()) {
            if (event instanceof GpusChanged || event instanceof JobChanged) {
                loader.request();
                return;
            }
        }
    }

    /** Ask the job's worker to stop it. */
    public void stop(TrackedJob job) {
        background.call(() -> api.stopJob(job.id()), stopped -> refresh(), e -> problem.set(Problems.describe(e)));
    }

    private void loaded(Loaded loaded) {
        problem.set("");
        history = loaded.history();
        workers.setAll(loaded.workers());
        jobs.setAll(loaded.jobs());
    }

    public ObservableList<WorkerGpus> workers() {
        return workers;
    }

    public ObservableList<TrackedJob> jobs() {
        return jobs;
    }

    public GpuSeries history(String worker, int gpu) {
        return history.get(key(worker, gpu));
    }

    public StringProperty problemProperty() {
        return problem;
    }
}
