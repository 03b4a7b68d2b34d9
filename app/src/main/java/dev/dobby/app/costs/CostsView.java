package dev.dobby.app.costs;

import atlantafx.base.theme.Styles;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Cost (or tokens) per day over the last month, stacked by project, with each project's totals below. */
public final class CostsView extends BorderPane {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    private final CostsViewModel model;
    private final VBox content;
    private StackedBarChart<String, Number> chart = newChart();

    public CostsView(CostsViewModel model) {
        this.model = model;
        setId("costs-view");
        Label title = new Label("Costs");
        title.getStyleClass().add("page-title");
        Label summary = new Label();
        summary.setId("costs-summary");
        summary.setMinWidth(Region.USE_PREF_SIZE);
        summary.textProperty().bind(model.summaryProperty());
        ComboBox<String> project = new ComboBox<>(model.projects());
        project.setId("costs-project");
        project.setPromptText("All projects");
        project.setMinWidth(Region.USE_PREF_SIZE);
        project.valueProperty().bindBidirectional(model.projectProperty());
        Button all = new Button("All");
        all.setMinWidth(Region.USE_PREF_SIZE);
        all.setOnAction(e -> project.setValue(null));
        ToggleGroup measure = new ToggleGroup();
        ToggleButton dollars = new ToggleButton("Cost");
        ToggleButton tokens = new ToggleButton("Tokens");
        dollars.setId("costs-dollars");
        tokens.setId("costs-tokens");
        dollars.setToggleGroup(measure);
        tokens.setToggleGroup(measure);
        dollars.setSelected(true);
        dollars.getStyleClass().add(Styles.LEFT_PILL);
        tokens.getStyleClass().add(Styles.RIGHT_PILL);
        measure.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
                return;
            }
            model.tokensProperty().set(now == tokens);
        });
        HBox pills = new HBox(dollars, tokens);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox filter = new HBox(8, project, all, pills, grow);
        filter.setAlignment(Pos.CENTER_LEFT);
        Label problem = new Label();
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());


        TableView<CostsViewModel.Total> table = new TableView<>(model.totals());
        table.setId("costs-table");
        table.setPlaceholder(new Label("No finished attempts in the last " + CostsViewModel.DAYS + " days."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("Project", CostsViewModel.Total::project, 120),
                column("Attempts", t -> String.format(Locale.ROOT, "%,d", t.attempts()), 90),
                column("Tokens in", t -> CostsViewModel.compact(t.tokensIn()), 100),
                column("Tokens out", t -> CostsViewModel.compact(t.tokensOut()), 100),
                column("Cost (API-equivalent)", t -> CostsViewModel.dollars(t.costUsd()), 180)));
        table.setPrefHeight(170);
        table.setMinHeight(140);

        content = new VBox(10, new HBox(12, title, summary), filter, problem, chart, table);
        ((HBox) content.getChildren().getFirst()).setAlignment(Pos.CENTER_LEFT);
        content.setPadding(new Insets(12));
        setCenter(content);
        model.totals().addListener((javafx.collections.ListChangeListener<CostsViewModel.Total>) c -> draw());
        model.tokensProperty().addListener(o -> draw());
    }

    /** A chart per drawing: StackedBarChart loops for ever when its series are removed and added back. */
    private static StackedBarChart<String, Number> newChart() {
        CategoryAxis x = new CategoryAxis();
        x.setTickLabelRotation(-60);
        StackedBarChart<String, Number> made = new StackedBarChart<>(x, new NumberAxis());
        made.setId("costs-chart");
        made.setAnimated(false);
        made.setLegendSide(javafx.geometry.Side.RIGHT);
        made.setCategoryGap(4);
        made.setMinHeight(260);
        VBox.setVgrow(made, Priority.ALWAYS);
        return made;
    }

    private void draw() {
        StackedBarChart<String, Number> fresh = newChart();
        fresh.getYAxis().setLabel(model.tokensProperty().get() ? "tokens" : "US$ (API-equivalent)");
        ((CategoryAxis) fresh.getXAxis()).getCategories().setAll(model.days().stream().map(DAY::format).toList());
        content.getChildren().set(content.getChildren().indexOf(chart), fresh);
        chart = fresh;
        for (Map.Entry<String, Map<LocalDate, Double>> line : model.series().entrySet()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(line.getKey());
            line.getValue().forEach((day, value) -> series.getData().add(new XYChart.Data<>(DAY.format(day), value)));
            chart.getData().add(series);
        }
    }

    private static <T> TableColumn<T, String> column(String name, Function<T, String> value, double minWidth) {
        TableColumn<T, String> column = new TableColumn<>(name);
        column.setMinWidth(minWidth);
        column.setPrefWidth(minWidth);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }
}
