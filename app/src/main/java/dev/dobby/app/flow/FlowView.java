package dev.dobby.app.flow;

import dev.dobby.app.fx.Fxml;
import dev.dobby.app.fx.Shown;
import dev.dobby.protocol.FlowStep;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * A task's agent steps on a timeline: each row starts at its offset from the first step, shows what kind of step
 * it was (tool call, edit, message, ...), a bar as long as the step took, relative to the longest, and its title.
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

    /**
     * A step on two lines: when it started, its kind and how long it took on the first, its title on the second with
     * the row's whole width, so that a narrow pane still shows it whole.
     */
    private final class StepCell extends ListCell<FlowStep> {
        private final Label time = new Label();
        private final Label kind = new Label();
        private final Rectangle bar = new Rectangle(2, 8);
        private final Label took = new Label();
        private final HBox duration = new HBox(track(bar), took);
        private final Label title = new Label();
        private final VBox row;

        StepCell() {
            time.getStyleClass().add("flow-time");
            took.getStyleClass().add("flow-time");
            duration.getStyleClass().add("flow-duration");
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox head = new HBox(time, kind, grow, duration);
            head.getStyleClass().add("flow-row");
            title.getStyleClass().add("flow-title");
            title.setWrapText(true);
            title.setMaxWidth(Double.MAX_VALUE);
            row = new VBox(head, title);
            row.getStyleClass().add("flow-step");
            row.setMinWidth(0);
            listViewProperty().addListener((obs, old, list) -> {
                row.prefWidthProperty().unbind();
                if (list != null) {
                    row.prefWidthProperty().bind(list.widthProperty().subtract(44));
                }
            });
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

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
            time.setText(first == null || step.at() == null ? "" : format(Duration.between(first, step.at())));
            kind.setText(step.kind().wire().replace('_', ' '));
            kind.getStyleClass().setAll("label", "flow-kind", step.kind().wire());
            title.setText(step.title() == null ? "" : step.title());
            long longest = longest();
            boolean timed = step.durationMs() != null && (longest > 0 || spansSession(step));
            duration.setVisible(timed);
            if (timed) {
                double width = spansSession(step) ? BAR_MAX : Math.min(BAR_MAX, BAR_MAX * step.durationMs() / longest);
                bar.setWidth(Math.max(2, width));
                bar.getStyleClass().setAll("flow-bar", step.error() ? "error" : "ok");
                if (spansSession(step)) {
                    bar.getStyleClass().add("session");
                }
                took.setText(String.format(Locale.ROOT, "%.1f s", step.durationMs() / 1000.0));
            }
            setGraphic(row);
            String detail = step.detail() == null ? "" : step.detail();
            setTooltip(detail.isBlank() ? null : new Tooltip(detail.length() > 2000 ? detail.substring(0, 2000) + "…"
                    : detail));
        }
    }

    /** A track as long as the longest bar, so that every bar starts at the same place. */
    private static StackPane track(Rectangle bar) {
        StackPane track = new StackPane(bar);
        track.setAlignment(Pos.CENTER_LEFT);
        track.setMinWidth(BAR_MAX);
        track.setPrefWidth(BAR_MAX);
        track.setMaxWidth(BAR_MAX);
        return track;
    }

        static String format(Duration offset) {
        long tenths = offset.toMillis() / 100;
        return String.format(Locale.ROOT, "+%d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10);
    }
}
