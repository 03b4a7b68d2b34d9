package dev.dobby.app.heatmap;

import atlantafx.base.theme.Styles;
import dev.dobby.protocol.Task;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/**
 * A year of work as a calendar heatmap: one column per week, one square per day, darker for more tasks ended, a
 * red edge where some failed. Clicking a day lists that day's tasks below.
 */
public final class HeatmapView extends BorderPane {
    private static final double CELL = 13;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy");

    private final HeatmapViewModel model;
    private final GridPane grid = new GridPane();
    private final HBox legend = new HBox(4);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", java.util.Locale.ENGLISH);

    public HeatmapView(HeatmapViewModel model) {
        this.model = model;
        setId("heatmap-view");
        Label title = new Label("Activity");
        title.getStyleClass().add("page-title");
        Label summary = new Label();
        summary.setId("heatmap-summary");
        summary.textProperty().bind(model.summaryProperty());
        ComboBox<String> project = new ComboBox<>(model.projects());
        project.setId("heatmap-project");
        project.setPromptText("All projects");
        project.valueProperty().bindBidirectional(model.projectProperty());
        Button all = new Button("All");
        all.setOnAction(e -> project.setValue(null));
        Label problem = new Label();
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());
        HBox filter = new HBox(8, project, all, summary);

        grid.setId("heatmap-grid");
        grid.setHgap(3);
        grid.setVgap(3);
        ScrollPane gridScroll = new ScrollPane(grid);
        gridScroll.setFitToHeight(true);
        // Seven day rows and the month row, whole: the grid scrolls sideways only.
        gridScroll.setPrefViewportHeight(7 * (CELL + 3) + 30);
        gridScroll.setMinViewportHeight(7 * (CELL + 3) + 30);
        gridScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

        Label dayTitle = new Label("Click a day to list its tasks.");
        dayTitle.setId("heatmap-day");
        dayTitle.getStyleClass().add(Styles.TITLE_4);
        model.dayProperty().addListener((obs, old, now) -> dayTitle.setText(now == null
                ? "Click a day to list its tasks." : "Tasks that ended on " + DAY.format(now)));
        ListView<Task> tasks = new ListView<>(model.dayTasks());
        tasks.setId("heatmap-tasks");
        tasks.setPlaceholder(new Label("No tasks."));
        tasks.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Task t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : "#" + t.id() + "  " + t.status().wire() + "  " + t.project()
                        + "  " + t.description());
            }
        });

        legend.setId("heatmap-legend");
        legend.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox content = new VBox(10, title, filter, problem, gridScroll, legend, dayTitle, tasks);
        content.setPadding(new Insets(12));
        setCenter(content);
        model.cells().addListener((javafx.collections.ListChangeListener<HeatmapViewModel.Cell>) c -> draw());
        model.dayProperty().addListener(o -> draw());
    }

    private void draw() {
        grid.getChildren().clear();
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
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            grid.add(name, 0, Integer.parseInt(day[1]));
        }
        java.time.YearMonth labelled = null;
        for (HeatmapViewModel.Cell cell : cells) {
            int column = 1 + (int) ChronoUnit.WEEKS.between(weekStart, cell.day());
            int row = 1 + (cell.day().getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : cell.day().getDayOfWeek().getValue());
            java.time.YearMonth month = java.time.YearMonth.from(cell.day());
            if (!month.equals(labelled) && cell.day().getDayOfMonth() <= 7) {
                labelled = month;
                Label name = new Label(MONTH.format(cell.day()));
                name.setId("month-" + month);
                name.getStyleClass().addAll("heat-label", "muted");
                name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
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
        drawLegend();
    }

    private void drawLegend() {
        legend.getChildren().clear();
        Label less = new Label("Less");
        less.getStyleClass().add("muted");
        legend.getChildren().add(less);
        List<String> ranges = model.legend();
        for (int level = 0; level <= 4; level++) {
            Rectangle square = new Rectangle(CELL, CELL);
            square.getStyleClass().addAll("heat", "level-" + level);
            String range = level == 0 ? "0" : ranges.get(level - 1);
            Tooltip.install(square, new Tooltip(range.isEmpty() ? "no day at this level"
                    : range + " task" + ("1".equals(range) ? "" : "s") + " a day"));
            legend.getChildren().add(square);
        }
        Label more = new Label("More");
        more.getStyleClass().add("muted");
        Rectangle failed = new Rectangle(CELL, CELL);
        failed.getStyleClass().addAll("heat", "level-0", "has-failures");
        Label failures = new Label("a day with failures");
        failures.getStyleClass().add("muted");
        legend.getChildren().addAll(more, new Label("   "), failed, failures);
    }
}
