package dev.dobby.app.heatmap;

import dev.dobby.app.fx.Fxml;
import dev.dobby.app.fx.Shown;
import dev.dobby.app.tasks.StatusBadges;
import dev.dobby.protocol.Task;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/**
 * A year of work as a calendar heatmap: one column per week, one square per day, darker for more tasks ended, a
 * red edge where some failed. Clicking a day lists that day's tasks below. The frame is laid out in
 * HeatmapView.fxml; the calendar's squares and the legend's levels follow the model and are drawn here.
 */
public final class HeatmapView extends BorderPane {
    private static final double CELL = 13;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);
    private static final String NO_DAY = "Click a day to list its tasks.";

    private final HeatmapViewModel model;

    @FXML private ComboBox<String> project;
    @FXML private Label summary;
    @FXML private Label problem;
    @FXML private GridPane grid;
    @FXML private HBox scale;
    @FXML private Label dayTitle;
    @FXML private ListView<Task> tasks;

    public HeatmapView(HeatmapViewModel model) {
        this.model = model;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        project.setItems(model.projects());
        project.valueProperty().bindBidirectional(model.projectProperty());
        summary.textProperty().bind(model.summaryProperty());
        problem.textProperty().bind(model.problemProperty());
        Shown.onlyWithText(problem);
        dayTitle.textProperty().bind(Bindings.createStringBinding(() -> model.dayProperty().get() == null ? NO_DAY
                : "Tasks that ended on " + DAY.format(model.dayProperty().get()), model.dayProperty()));
        tasks.setItems(model.dayTasks());
        tasks.setCellFactory(v -> new DayTaskCell());
        model.cells().addListener((ListChangeListener<HeatmapViewModel.Cell>) c -> draw());
        model.dayProperty().addListener(o -> draw());
        draw();
    }

    @FXML
    private void allProjects() {
        project.setValue(null);
    }

    private void draw() {
        grid.getChildren().clear();
        drawLegend();
        List<HeatmapViewModel.Cell> cells = model.cells();
        if (cells.isEmpty()) {
            return;
        }
        LocalDate first = cells.getFirst().day();
        LocalDate weekStart = first.minusDays(first.getDayOfWeek().getValue() % 7);  // columns start on Sunday
        // Row 0 names the months, column 0 every other weekday; the days start at row 1, column 1.
        for (String[] day : new String[][] {{"Mon", "2"}, {"Wed", "4"}, {"Fri", "6"}}) {
            Label name = new Label(day[0]);
            name.getStyleClass().addAll("heat-label", "muted");
            name.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(name, 0, Integer.parseInt(day[1]));
        }
        YearMonth labelled = null;
        for (HeatmapViewModel.Cell cell : cells) {
            int column = 1 + (int) ChronoUnit.WEEKS.between(weekStart, cell.day());
            int row = 1 + (cell.day().getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : cell.day().getDayOfWeek().getValue());
            YearMonth month = YearMonth.from(cell.day());
            if (!month.equals(labelled) && cell.day().getDayOfMonth() <= 7) {
                labelled = month;
                Label name = new Label(MONTH.format(cell.day()));
                name.setId("month-" + month);
                name.getStyleClass().addAll("heat-label", "muted");
                name.setMinWidth(Region.USE_PREF_SIZE);
                grid.add(name, column, 0, 3, 1);
            }
            Rectangle square = new Rectangle(CELL, CELL);
            square.setId("day-" + cell.day());
            int level = model.level(cell);
            square.getStyleClass().addAll("heat", "level-" + level);
            if (cell.failed() > 0) {
                square.getStyleClass().add("has-failures");
            }
            if (cell.day().equals(model.dayProperty().get())) {
                square.getStyleClass().add("chosen");
            }
            Tooltip tip = new Tooltip(DAY.format(cell.day()) + "\n" + cell.completed() + " completed, "
                    + cell.failed() + " failed");
            tip.setShowDelay(Duration.millis(100));
            Tooltip.install(square, tip);
            square.setOnMouseClicked(e -> model.selectDay(cell.day()));
            grid.add(square, column, row);
        }
    }

    /** The five levels between "Less" and "More", each with the range of tasks a day it stands for. */
    private void drawLegend() {
        scale.getChildren().clear();
        List<String> ranges = model.legend();
        for (int level = 0; level <= 4; level++) {
            Rectangle square = new Rectangle(CELL, CELL);
            square.getStyleClass().addAll("heat", "level-" + level);
            String range = level == 0 ? "0" : ranges.get(level - 1);
            Tooltip.install(square, new Tooltip(range.isEmpty() ? "no day at this level"
                    : range + " task" + ("1".equals(range) ? "" : "s") + " a day"));
            scale.getChildren().add(square);
        }
    }

    /** A task of the chosen day: its number, its status as the badge every view shows, its project and text. */
    private static final class DayTaskCell extends ListCell<Task> {
        private final Label number = new Label();
        private final Label status = new Label();
        private final Label project = new Label();
        private final Label description = new Label();
        private final HBox row = new HBox(number, status, project, description);

        DayTaskCell() {
            number.getStyleClass().add("text-bold");
            number.setMinWidth(Region.USE_PREF_SIZE);
            status.setMinWidth(Region.USE_PREF_SIZE);
            project.getStyleClass().add("muted");
            project.setMinWidth(Region.USE_PREF_SIZE);
            description.getStyleClass().add("elidable");
            row.getStyleClass().add("heatmap-task");
        }

        @Override
        protected void updateItem(Task task, boolean empty) {
            super.updateItem(task, empty);
            setText(null);
            if (empty || task == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            number.setText("#" + task.id());
            status.setText(StatusBadges.label(task.status()));
            status.getStyleClass().setAll(StatusBadges.styleClasses(task.status()));
            project.setText(task.project());
            description.setText(task.description());
            setTooltip(new Tooltip(task.description()));
            setGraphic(row);
        }
    }
}
