package dev.dobby.app.stats;

import dev.dobby.app.fx.Fxml;
import dev.dobby.app.fx.Shown;
import dev.dobby.app.tasks.StatusBadges;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/**
 * Totals, tasks per status as bars, and each agent account's usage windows as bars ("unknown" when unreported).
 * The page is laid out in StatsView.fxml; the bars, one row per status or window, are drawn here from the model.
 */
public final class StatsView extends ScrollPane {
    private final StatsViewModel model;

    @FXML private Label totals;
    @FXML private Label problem;
    @FXML private Label usageNote;
    @FXML private GridPane statuses;
    @FXML private GridPane usage;

    public StatsView(StatsViewModel model) {
        this.model = model;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        totals.textProperty().bind(model.totalsProperty());
        problem.textProperty().bind(model.problemProperty());
        Shown.onlyWithText(problem);
        usageNote.textProperty().bind(model.usageNoteProperty());
        Shown.onlyWithText(usageNote);
        model.byStatus().addListener((ListChangeListener<StatsViewModel.StatusCount>) c -> drawStatuses());
        model.usage().addListener((ListChangeListener<StatsViewModel.UsageBar>) c -> drawUsage());
        drawStatuses();
        drawUsage();
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
            Label name = new Label(StatusBadges.label(count.status()));
            name.getStyleClass().setAll(StatusBadges.styleClasses(count.status()));
            name.setMinWidth(Region.USE_PREF_SIZE);
            statuses.addRow(row++, name, bar, number);
        }
    }

    private void drawUsage() {
        usage.getChildren().clear();
        int row = 0;
        for (StatsViewModel.UsageBar entry : model.usage()) {
            ProgressBar bar = new ProgressBar(entry.fraction() == null ? 0 : entry.fraction());
            bar.getStyleClass().addAll("usage-bar", entry.fraction() == null ? "usage-unknown"
                    : entry.fraction() >= 0.9 ? "usage-high" : entry.fraction() >= 0.7 ? "usage-warn" : "usage-ok");
            Label name = new Label(entry.label());
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label text = new Label(entry.text());
            text.setMinWidth(Region.USE_PREF_SIZE);
            usage.addRow(row++, name, bar, text);
        }
    }
}
