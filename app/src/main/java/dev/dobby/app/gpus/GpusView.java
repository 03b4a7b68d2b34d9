package dev.dobby.app.gpus;

import atlantafx.base.theme.Styles;
import dev.dobby.protocol.gpu.GpuProcess;
import dev.dobby.protocol.gpu.GpuSeries;
import dev.dobby.protocol.gpu.GpuState;
import dev.dobby.protocol.gpu.TrackedJob;
import dev.dobby.protocol.gpu.WorkerGpus;
import java.util.stream.Collectors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Polyline;
import javafx.util.Duration;

/** A card per GPU with sparklines of utilisation and memory, its processes, stale workers dimmed; tracked jobs. */
public final class GpusView extends ScrollPane {
    private static final double SPARK_WIDTH = 220;
    private static final double SPARK_HEIGHT = 32;

    private final GpusViewModel model;
    private final VBox workers = new VBox(14);
    private final VBox jobs = new VBox(6);

    public GpusView(GpusViewModel model) {
        this.model = model;
        setId("gpus-view");
        setFitToWidth(true);
        Label title = new Label("GPUs");
        title.getStyleClass().add("page-title");
        Label problem = new Label();
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());
        workers.setId("gpu-workers");
        jobs.setId("gpu-jobs");
        Label jobsTitle = new Label("Tracked jobs");
        jobsTitle.getStyleClass().add(Styles.TITLE_4);
        VBox box = new VBox(10, title, problem, workers, jobsTitle, jobs);
        box.setPadding(new Insets(12));
        setContent(box);
        model.workers().addListener((ListChangeListener<WorkerGpus>) c -> drawWorkers());
        model.jobs().addListener((ListChangeListener<TrackedJob>) c -> drawJobs());
        // Figures change with every sample, without an event: look again now and then, while this page is shown.
        Timeline poll = new Timeline(new KeyFrame(Duration.seconds(10), e -> {
            if (getScene() != null && getScene().getWindow() != null && getScene().getWindow().isShowing()) {
                model.refresh();
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null && scene.getWindow() != null && scene.getWindow().isShowing()) {
                model.refresh();
                poll.play();
            } else {
                poll.stop();
            }
        });
        drawWorkers();
        drawJobs();
    }

    private void drawWorkers() {
        workers.getChildren().clear();
        if (model.workers().isEmpty()) {
            Label none = new Label("No worker has reported GPUs (each looks for nvidia-smi on its PATH).");
            none.getStyleClass().add("muted");
            workers.getChildren().add(none);
            return;
        }
        for (WorkerGpus worker : model.workers()) {
            Label name = new Label(worker.worker() + (worker.stale() ? " — stale" : ""));
            name.getStyleClass().add(Styles.TITLE_4);
            name.setId("gpu-worker-" + worker.worker());
            VBox section = new VBox(6, name);
            if (worker.error() != null) {
                Label error = new Label(worker.error());
                error.getStyleClass().add(Styles.WARNING);
                section.getChildren().add(error);
            }
            FlowPane cards = new FlowPane(10, 10);
            for (GpuState gpu : worker.gpus()) {
                cards.getChildren().add(card(worker, gpu));
            }
            section.getChildren().add(cards);
            if (worker.stale()) {
                section.setOpacity(0.55);
            }
            workers.getChildren().add(section);
        }
    }

    private Node card(WorkerGpus worker, GpuState gpu) {
        Label head = new Label("GPU " + gpu.index() + " · " + gpu.name());
        head.getStyleClass().add(Styles.TEXT_BOLD);
        Label figures = new Label(gpu.utilizationPercent() + "% busy · " + gpu.memoryUsedMib() + " / "
                + gpu.memoryTotalMib() + " MiB" + (gpu.temperatureC() == null ? "" : " · " + gpu.temperatureC() + "°C"));
        figures.setId("gpu-figures-" + worker.worker() + "-" + gpu.index());
        GpuSeries series = model.history(worker.worker(), gpu.index());
        VBox card = new VBox(4, head, figures,
                new HBox(6, new Label("utilisation"), spark(series == null ? new long[0] : toLongs(series.util()), 100)),
                new HBox(6, new Label("memory"), spark(series == null ? new long[0] : series.mem(),
                        Math.max(1, gpu.memoryTotalMib()))));
        if (!gpu.reservedFor().isEmpty()) {
            card.getChildren().add(new Label("held by " + gpu.reservedFor().stream().map(id -> "#" + id)
                    .collect(Collectors.joining(" "))));
        }
        for (GpuProcess p : gpu.processes()) {
            Label process = new Label(p.taskId() != null
                    ? "task #" + p.taskId() + " · " + p.name() + " · " + p.usedMemoryMib() + " MiB"
                    : "outside Dobby: " + p.user() + " · " + (p.command() == null ? p.name() : p.command()) + " · "
                            + p.usedMemoryMib() + " MiB");
            process.getStyleClass().add(Styles.TEXT_SMALL);
            card.getChildren().add(process);
        }
        card.setId("gpu-card-" + worker.worker() + "-" + gpu.index());
        card.getStyleClass().add("card");
        card.setPadding(new Insets(8));
        card.setPrefWidth(280);
        return card;
    }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    static Polyline spark(long[] values, long max) {
        Polyline line = new Polyline();
        line.getStyleClass().add("sparkline");
        int n = values.length;
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? SPARK_WIDTH : i * SPARK_WIDTH / (n - 1);
            double y = SPARK_HEIGHT - Math.min(values[i], max) * SPARK_HEIGHT / max;
            if (n == 1) {
                line.getPoints().addAll(0.0, y);
            }
            line.getPoints().addAll(x, y);
        }
        return line;
    }

    private void drawJobs() {
        jobs.getChildren().clear();
        if (model.jobs().isEmpty()) {
            Label none = new Label("No tracked jobs. Tasks register them with dobby track.");
            none.getStyleClass().add("muted");
            jobs.getChildren().add(none);
            return;
        }
        for (TrackedJob job : model.jobs()) {
            Label text = new Label(job.title() + " on " + job.worker()
                    + (job.taskId() == null ? "" : " · task #" + job.taskId()) + " · " + job.state().wire()
                    + (job.exitCode() == null ? "" : " (exit " + job.exitCode() + ")")
                    + (job.logTail().isEmpty() ? "" : " · " + job.logTail().getLast()));
            text.setId("gpu-job-" + job.id());
            HBox row = new HBox(8, text);
            if (!job.state().isOver() && !job.stopRequested()) {
                Button stop = new Button("Stop");
                stop.setId("gpu-job-stop-" + job.id());
                stop.setOnAction(e -> model.stop(job));
                row.getChildren().add(stop);
            }
            jobs.getChildren().add(row);
        }
    }
}
