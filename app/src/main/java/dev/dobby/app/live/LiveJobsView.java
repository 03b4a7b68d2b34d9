package dev.dobby.app.live;

import atlantafx.base.theme.Styles;
import dev.dobby.app.tasks.Durations;
import dev.dobby.app.tasks.StatusBadges;
import java.time.Instant;
import java.util.function.LongConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** Every running task as a card: what it is, where and for how long it runs, and its last lines of output. */
public final class LiveJobsView extends BorderPane {
    private final LiveJobsViewModel model;
    private final LongConsumer openTask;
    private final VBox cards = new VBox(10);

    public LiveJobsView(LiveJobsViewModel model, LongConsumer openTask) {
        this.model = model;
        this.openTask = openTask;
        setId("live-view");
        Label title = new Label("Live jobs");
        title.getStyleClass().add("page-title");
        Label note = new Label("Running tasks with their latest output; click one to open it.");
        note.getStyleClass().add("muted");
        Label problem = new Label();
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());
        HBox top = new HBox(12, title, note);
        top.setAlignment(Pos.CENTER_LEFT);
        cards.setId("live-cards");
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        VBox content = new VBox(10, top, problem, scroll);
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        content.setPadding(new Insets(12));
        setCenter(content);
        model.jobs().addListener((javafx.collections.ListChangeListener<LiveJobsViewModel.Job>) c -> draw());
        draw();
        // Logs of tasks nobody follows are not streamed: look again every 1.5 s while the view is on screen.
        dev.dobby.app.fx.WhileShown.refresh(this, Duration.millis(1500), model::refresh);
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
            badge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            String elapsed = task.startedAt() == null ? "" : "  ·  for " + Durations.words(
                    java.time.Duration.between(task.startedAt(), Instant.now()).toSeconds());
            Label heading = new Label("#" + task.id() + "  " + task.project() + "  ·  "
                    + (task.backend() == null ? "" : task.backend().wire())
                    + (task.worker() == null ? "" : "  ·  on " + task.worker()) + elapsed);
            heading.getStyleClass().add(Styles.TEXT_BOLD);
            heading.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label description = new Label(task.description());
            description.getStyleClass().add("elidable");
            HBox head = new HBox(8, badge, heading);
            head.setAlignment(Pos.CENTER_LEFT);
            Label tail = new Label(job.tail().isEmpty() ? "(no output yet)" : String.join("\n", job.tail()));
            tail.setId("live-tail-" + task.id());
            tail.getStyleClass().addAll("live-tail", "elidable");
            tail.setMaxWidth(Double.MAX_VALUE);
            VBox card = new VBox(6, head, description, tail);
            card.getStyleClass().add("live-card");
            card.setOnMouseClicked(e -> openTask.accept(task.id()));
            cards.getChildren().add(card);
        }
    }
}
