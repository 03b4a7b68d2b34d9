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
        gridScroll.setPrefViewportHeight(7 * (CELL + 3) + 10);

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

        VBox content = new VBox(10, title, filter, problem, gridScroll, dayTitle, tasks);
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
        int busiest = Math.max(1, model.busiestProperty().get());
        for (HeatmapViewModel.Cell cell : cells) {
            int column = (int) ChronoUnit.WEEKS.between(weekStart, cell.day());
            int row = cell.day().getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : cell.day().getDayOfWeek().getValue();
            Rectangle square = new Rectangle(CELL, CELL);
            square.setId("day-" + cell.day());
            int level = cell.total() == 0 ? 0 : Math.min(4, 1 + (int) Math.floor(3.0 * cell.total() / busiest));
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
}
