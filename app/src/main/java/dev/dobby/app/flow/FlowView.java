package dev.dobby.app.flow;

import dev.dobby.app.fx.Fxml;
import dev.dobby.app.fx.Shown;
import dev.dobby.protocol.FlowStep;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.shape.Rectangle;

/**
 * A task's agent steps on a timeline: each row starts at its offset from the first step, shows what kind of step
 * it was (tool call, edit, message, ...), its title, and a bar as long as the step took, relative to the longest.
 * The frame is laid out in FlowView.fxml; each row is drawn by a cell.
 */
public final class FlowView extends BorderPane {
    private static final double BAR_MAX = 90;

    private final FlowViewModel model;

    @FXML private Label summary;
    @FXML private Label problem;
    @FXML private ListView<FlowStep> list;

    public FlowView(FlowViewModel model) {
        this.model = model;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        summary.textProperty().bind(model.summaryProperty());
        problem.textProperty().bind(model.problemProperty());
        Shown.onlyWithText(problem);
        list.setItems(model.steps());
        list.setCellFactory(v -> new StepCell());
        model.steps().addListener((ListChangeListener<FlowStep>) change -> {
            if (!model.steps().isEmpty()) {
                list.scrollTo(model.steps().size() - 1);
            }
        });
    }

    private Instant start() {
        return model.steps().stream().map(FlowStep::at).filter(java.util.Objects::nonNull).min(Instant::compareTo)
                .orElse(null);
    }

    /** The longest single step: the whole-session result and session steps span all others and would dwarf them. */
    private long longest() {
        return model.steps().stream().filter(s -> !spansSession(s)).map(FlowStep::durationMs)
                .filter(java.util.Objects::nonNull).mapToLong(Long::longValue).max().orElse(0);
    }

    private static boolean spansSession(FlowStep step) {
        return step.kind() == FlowStep.Kind.RESULT || step.kind() == FlowStep.Kind.SESSION;
    }

    private final class StepCell extends ListCell<FlowStep> {
        @Override
        protected void updateItem(FlowStep step, boolean empty) {
            super.updateItem(step, empty);
            setText(null);
            if (empty || step == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            Instant first = start();
            String offset = first == null || step.at() == null ? "     "
                    : format(Duration.between(first, step.at()));
            Label time = new Label(offset);
            time.getStyleClass().add("flow-time");
            Label kind = new Label(step.kind().wire().replace('_', ' '));
            kind.getStyleClass().addAll("flow-kind", step.kind().wire());
            Label title = new Label(step.title() == null ? "" : step.title());
            title.setWrapText(true);
            title.setMinWidth(0);
            title.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(title, Priority.ALWAYS);
            HBox duration = new HBox();
            duration.getStyleClass().add("flow-duration");
            long longest = longest();
            if (step.durationMs() != null && (longest > 0 || spansSession(step))) {
                double width = spansSession(step) ? BAR_MAX : Math.min(BAR_MAX, BAR_MAX * step.durationMs() / longest);
                Rectangle bar = new Rectangle(Math.max(2, width), 8);
                if (spansSession(step)) {
                    bar.getStyleClass().add("session");
                }
                bar.getStyleClass().addAll("flow-bar", step.error() ? "error" : "ok");
                Label took = new Label(String.format(Locale.ROOT, "%.1f s", step.durationMs() / 1000.0));
                took.getStyleClass().add("flow-time");
                duration.getChildren().addAll(bar, took);
            }
            HBox row = new HBox(time, kind, title, duration);
            row.getStyleClass().add("flow-row");
            row.setMinWidth(0);
            row.prefWidthProperty().bind(getListView().widthProperty().subtract(44));
            setGraphic(row);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            String detail = step.detail() == null ? "" : step.detail();
            setTooltip(detail.isBlank() ? null : new Tooltip(detail.length() > 2000 ? detail.substring(0, 2000) + "…"
                    : detail));
        }
    }

    static String format(Duration offset) {
        long tenths = offset.toMillis() / 100;
        return String.format(Locale.ROOT, "+%d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10);
    }
}
