package dev.dobby.app.gpus;

import atlantafx.base.theme.Styles;
import dev.dobby.app.fx.Fxml;
import dev.dobby.app.fx.Shown;
import dev.dobby.app.fx.WhileShown;
import dev.dobby.protocol.gpu.GpuProcess;
import dev.dobby.protocol.gpu.GpuSeries;
import dev.dobby.protocol.gpu.GpuState;
import dev.dobby.protocol.gpu.TrackedJob;
import dev.dobby.protocol.gpu.WorkerGpus;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Polyline;
import javafx.util.Duration;

/**
 * A card per GPU with sparklines of utilisation and memory, its processes, stale workers dimmed; tracked jobs. The
 * page is laid out in GpusView.fxml; the workers' sections and the jobs follow the model and are drawn here.
 */
public final class GpusView extends ScrollPane {
    private static final double SPARK_WIDTH = 220;
    private static final double SPARK_HEIGHT = 32;

    private final GpusViewModel model;

    @FXML private Label problem;
    @FXML private VBox workers;
    @FXML private VBox jobs;

    public GpusView(GpusViewModel model) {
        this.model = model;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        problem.textProperty().bind(model.problemProperty());
        Shown.onlyWithText(problem);
        model.workers().addListener((ListChangeListener<WorkerGpus>) c -> drawWorkers());
        model.jobs().addListener((ListChangeListener<TrackedJob>) c -> drawJobs());
        drawWorkers();
        drawJobs();
        // Figures change with every sample, without an event: look again now and then, while this page is shown.
        WhileShown.refresh(this, Duration.seconds(10), model::refresh);
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
            VBox section = new VBox(name);
            section.getStyleClass().add("gpu-worker");
            if (worker.error() != null) {
                Label error = new Label(worker.error());
                error.getStyleClass().add(Styles.WARNING);
                section.getChildren().add(error);
            }
            FlowPane cards = new FlowPane();
            cards.getStyleClass().add("gpu-cards");
            for (GpuState gpu : worker.gpus()) {
                cards.getChildren().add(card(worker, gpu));
            }
            section.getChildren().add(cards);
            if (worker.stale()) {
                section.getStyleClass().add("stale");
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
        VBox card = new VBox(head, figures,
                sparkRow("utilisation", spark(series == null ? new long[0] : toLongs(series.util()), 100)),
                sparkRow("memory", spark(series == null ? new long[0] : series.mem(),
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
        card.getStyleClass().addAll("card", "gpu-card");
        return card;
    }

    /** The line in a frame of its full height, so that its level reads against 0 and the maximum. */
    private static HBox sparkRow(String name, Polyline spark) {
        Pane frame = new Pane(spark);
        frame.getStyleClass().add("gpu-spark-frame");
        frame.setMinSize(SPARK_WIDTH, SPARK_HEIGHT);
        frame.setPrefSize(SPARK_WIDTH, SPARK_HEIGHT);
        frame.setMaxSize(SPARK_WIDTH, SPARK_HEIGHT);
        HBox row = new HBox(new Label(name), frame);
        row.getStyleClass().add("gpu-spark");
        return row;
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
            HBox row = new HBox(text);
            row.getStyleClass().add("gpu-job");
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
