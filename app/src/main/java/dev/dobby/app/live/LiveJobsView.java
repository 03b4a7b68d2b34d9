package dev.dobby.app.live;

import atlantafx.base.theme.Styles;
import dev.dobby.app.fx.Fxml;
import dev.dobby.app.fx.Shown;
import dev.dobby.app.fx.WhileShown;
import dev.dobby.app.tasks.Durations;
import dev.dobby.app.tasks.StatusBadges;
import java.time.Instant;
import java.util.function.LongConsumer;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Every running task as a card: what it is, where and for how long it runs, and its last lines of output. The page
 * is laid out in LiveJobsView.fxml; the cards follow the model's jobs and are drawn here.
 */
public final class LiveJobsView extends BorderPane {
    private final LiveJobsViewModel model;
    private final LongConsumer openTask;

    @FXML private Label problem;
    @FXML private VBox cards;

    public LiveJobsView(LiveJobsViewModel model, LongConsumer openTask) {
        this.model = model;
        this.openTask = openTask;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        problem.textProperty().bind(model.problemProperty());
        Shown.onlyWithText(problem);
        model.jobs().addListener((ListChangeListener<LiveJobsViewModel.Job>) c -> draw());
        draw();
        // Logs of tasks nobody follows are not streamed: look again every 1.5 s while the view is on screen.
        WhileShown.refresh(this, Duration.millis(1500), model::refresh);
    }

    private void draw() {
        cards.getChildren().clear();
        if (model.jobs().isEmpty()) {
            Label none = new Label("Nothing is running.");
            none.getStyleClass().add("muted");
            cards.getChildren().add(none);
            return;
        }
        for (LiveJobsViewModel.Job job : model.jobs()) {
            var task = job.task();
            Label badge = new Label(StatusBadges.label(task.status()));
            badge.getStyleClass().setAll(StatusBadges.styleClasses(task.status()));
            badge.setMinWidth(Region.USE_PREF_SIZE);
            String elapsed = task.startedAt() == null ? "" : "  ·  for " + Durations.words(
                    java.time.Duration.between(task.startedAt(), Instant.now()).toSeconds());
            Label heading = new Label("#" + task.id() + "  " + task.project() + "  ·  "
                    + (task.backend() == null ? "" : task.backend().wire())
                    + (task.worker() == null ? "" : "  ·  on " + task.worker()) + elapsed);
            heading.getStyleClass().add(Styles.TEXT_BOLD);
            heading.setMinWidth(Region.USE_PREF_SIZE);
            Label description = new Label(task.description());
            description.getStyleClass().add("elidable");
            HBox head = new HBox(badge, heading);
            head.getStyleClass().add("live-card-head");
            Label tail = new Label(job.tail().isEmpty() ? "(no output yet)" : String.join("\n", job.tail()));
            tail.setId("live-tail-" + task.id());
            tail.getStyleClass().addAll("live-tail", "elidable");
            tail.setMaxWidth(Double.MAX_VALUE);
            VBox card = new VBox(head, description, tail);
            card.getStyleClass().add("live-card");
            card.setOnMouseClicked(e -> openTask.accept(task.id()));
            cards.getChildren().add(card);
        }
    }
}
