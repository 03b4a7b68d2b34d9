package dev.dobby.app.costs;

import dev.dobby.app.fx.Fxml;
import dev.dobby.app.fx.Shown;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Side;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

/**
 * Cost (or tokens) per day over the last month, stacked by project, with each project's totals below. Laid out in
 * CostsView.fxml; the chart is drawn here, a new one per drawing.
 */
public final class CostsView extends BorderPane {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    private final CostsViewModel model;

    @FXML private Label summary;
    @FXML private ComboBox<String> project;
    @FXML private ToggleGroup measure;
    @FXML private ToggleButton tokens;
    @FXML private Label problem;
    @FXML private StackPane chartBox;
    @FXML private TableView<CostsViewModel.Total> table;
    @FXML private TableColumn<CostsViewModel.Total, String> projectColumn;
    @FXML private TableColumn<CostsViewModel.Total, String> attemptsColumn;
    @FXML private TableColumn<CostsViewModel.Total, String> tokensInColumn;
    @FXML private TableColumn<CostsViewModel.Total, String> tokensOutColumn;
    @FXML private TableColumn<CostsViewModel.Total, String> costColumn;

    public CostsView(CostsViewModel model) {
        this.model = model;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        summary.textProperty().bind(model.summaryProperty());
        project.setItems(model.projects());
        project.valueProperty().bindBidirectional(model.projectProperty());
        measure.selectToggle(model.tokensProperty().get() ? tokens : measure.getToggles().getFirst());
        measure.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
                return;
            }
            model.tokensProperty().set(now == tokens);
        });
        problem.textProperty().bind(model.problemProperty());
        Shown.onlyWithText(problem);

        table.setItems(model.totals());
        table.setPlaceholder(new Label("No finished attempts in the last " + CostsViewModel.DAYS + " days."));
        show(projectColumn, CostsViewModel.Total::project);
        show(attemptsColumn, t -> String.format(Locale.ROOT, "%,d", t.attempts()));
        show(tokensInColumn, t -> CostsViewModel.compact(t.tokensIn()));
        show(tokensOutColumn, t -> CostsViewModel.compact(t.tokensOut()));
        show(costColumn, t -> CostsViewModel.dollars(t.costUsd()));

        model.totals().addListener((ListChangeListener<CostsViewModel.Total>) c -> draw());
        model.tokensProperty().addListener(o -> draw());
        draw();
    }

    @FXML
    private void allProjects() {
        project.setValue(null);
    }

    /** A chart per drawing: StackedBarChart loops for ever when its series are removed and added back. */
    private void draw() {
        CategoryAxis x = new CategoryAxis();
        x.setTickLabelRotation(-60);
        x.getCategories().setAll(model.days().stream().map(DAY::format).toList());
        NumberAxis y = new NumberAxis();
        y.setLabel(model.tokensProperty().get() ? "tokens" : "US$ (API-equivalent)");
        StackedBarChart<String, Number> chart = new StackedBarChart<>(x, y);
        chart.setId("costs-chart");
        chart.setAnimated(false);
        chart.setLegendSide(Side.RIGHT);
        chart.setCategoryGap(4);
        for (Map.Entry<String, Map<LocalDate, Double>> line : model.series().entrySet()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(line.getKey());
            line.getValue().forEach((day, value) -> series.getData().add(new XYChart.Data<>(DAY.format(day), value)));
            chart.getData().add(series);
        }
        chartBox.getChildren().setAll(chart);
    }

    private static <T> void show(TableColumn<T, String> column, Function<T, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }
}
