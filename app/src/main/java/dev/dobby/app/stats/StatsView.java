package dev.dobby.app.stats;

import atlantafx.base.theme.Styles;
import dev.dobby.protocol.TaskStatus;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Totals, tasks per status as bars, and each agent account's usage windows as bars ("unknown" when unreported). */
public final class StatsView extends ScrollPane {
    private final StatsViewModel model;
    private final GridPane statuses = new GridPane();
    private final GridPane usage = new GridPane();

    public StatsView(StatsViewModel model) {
        this.model = model;
        setId("stats-view");
        setFitToWidth(true);
        Label title = new Label("Stats");
        title.getStyleClass().add("page-title");
        Label totals = new Label();
        totals.setId("stats-totals");
        totals.textProperty().bind(model.totalsProperty());
        Label problem = new Label();
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());
        Label usageTitle = new Label("Usage");
        usageTitle.getStyleClass().add(Styles.TITLE_4);
        Label usageNote = new Label();
        usageNote.setId("usage-note");
        usageNote.getStyleClass().add("muted");
        usageNote.textProperty().bind(model.usageNoteProperty());
        usage.setId("usage-bars");
        statuses.setId("status-bars");
        for (GridPane grid : new GridPane[] {statuses, usage}) {
            grid.setHgap(10);
            grid.setVgap(6);
        }
        Label statusTitle = new Label("Tasks by status");
        statusTitle.getStyleClass().add(Styles.TITLE_4);
        VBox box = new VBox(10, title, totals, problem, statusTitle, statuses, usageTitle, usageNote, usage);
        box.setPadding(new Insets(12));
        setContent(box);
        model.byStatus().addListener((javafx.collections.ListChangeListener<StatsViewModel.StatusCount>) c ->
                drawStatuses());
        model.usage().addListener((javafx.collections.ListChangeListener<StatsViewModel.UsageBar>) c -> drawUsage());
    }

    private void drawStatuses() {
        statuses.getChildren().clear();
        long max = Math.max(1, model.byStatus().stream().mapToLong(StatsViewModel.StatusCount::count).max().orElse(1));
        int row = 0;
        for (StatsViewModel.StatusCount count : model.byStatus()) {
            ProgressBar bar = new ProgressBar((double) count.count() / max);
            // AtlantaFX has no colour variants for progress bars: app.css colours them by status.
            bar.getStyleClass().addAll("usage-bar", "status-bar-" + count.status().wire());
            Label number = new Label(Long.toString(count.count()));
            number.setId("count-" + count.status().wire());
            Label name = new Label(dev.dobby.app.tasks.StatusBadges.label(count.status()));
            name.getStyleClass().setAll(dev.dobby.app.tasks.StatusBadges.styleClasses(count.status()));
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            statuses.addRow(row++, name, bar, number);
        }
    }

    private void drawUsage() {
        usage.getChildren().clear();
        int row = 0;
        for (StatsViewModel.UsageBar entry : model.usage()) {
            ProgressBar bar = new ProgressBar(entry.fraction() == null ? 0 : entry.fraction());
            bar.getStyleClass().add("usage-bar");
            if (entry.fraction() != null && entry.fraction() >= 0.9) {
                bar.getStyleClass().add("usage-high");
            } else if (entry.fraction() != null && entry.fraction() >= 0.7) {
                bar.getStyleClass().add("usage-warn");
            } else {
                bar.getStyleClass().add("usage-ok");
            }
            Label text = new Label(entry.text());
            text.setAlignment(Pos.CENTER_LEFT);
            usage.addRow(row++, new Label(entry.label()), bar, text);
        }
    }
}
