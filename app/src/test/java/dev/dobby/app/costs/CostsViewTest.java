package dev.dobby.app.costs;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dobby.app.testing.AppHarness;
import dev.dobby.app.testing.AppTest;
import dev.dobby.app.testing.Ellipses;
import dev.dobby.app.testing.Screenshots;
import dev.dobby.hub.testing.Await;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.util.List;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The Costs page: a project's agent runs in the totals and the chart, in dollars or tokens, all or one project. */
class CostsViewTest extends AppTest {
    @Test
    void eachProjectsAgentRunsAreTotalledAndChartedInDollarsOrTokensForAllOrOneProject(FxRobot robot) {
        app.awaitReady();
        agentRun("agents", "echo 'STEP tool_call|1200|52000|120000|Read README.md|'");
        agentRun("research", "echo 'STEP tool_call|300|10000|20000|Search the web|'");

        robot.clickOn("#nav-costs");
        awaitUi(() -> rows(robot), r -> r.size() == 2, "both projects in the totals");
        assertThat(rows(robot)).containsExactly(
                List.of("agents", "1", "52k", "120k", "$1.20"),
                List.of("research", "1", "10k", "20k", "$0.20"));
        assertThat(fx(() -> robot.lookup("#costs-summary").queryAs(Label.class).getText()))
                .isEqualTo("Last 30 days: $1.40 API-equivalent · 202k tokens · 2 attempts");
        assertThat(fx(() -> chart(robot).getData().stream().map(XYChart.Series::getName).toList()))
                .containsExactly("agents", "research");
        assertThat(fx(() -> chart(robot).getYAxis().getLabel())).isEqualTo("US$ (API-equivalent)");
        assertThat(fx(() -> today(chart(robot), "agents"))).isCloseTo(1.2, within(1e-9));
        assertThat(fx(() -> Ellipses.in(app.centre().stage().getScene().getRoot()))).isEmpty();
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "costs"));

        robot.clickOn("#costs-tokens");
        awaitUi(() -> chart(robot).getYAxis().getLabel(), "tokens"::equals, "the chart in tokens");
        assertThat(fx(() -> today(chart(robot), "research"))).isEqualTo(30000.0);

        fx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<String> project = robot.lookup("#costs-project").queryAs(ComboBox.class);
            project.setValue("research");
            return null;
        });
        awaitUi(() -> rows(robot), r -> r.size() == 1, "only the chosen project");
        assertThat(rows(robot).getFirst().getFirst()).isEqualTo("research");
        assertThat(fx(() -> robot.lookup("#costs-summary").queryAs(Label.class).getText()))
                .isEqualTo("Last 30 days in research: $0.20 API-equivalent · 30k tokens · 1 attempt");
        assertThat(fx(() -> chart(robot).getData().stream().map(XYChart.Series::getName).toList()))
                .containsExactly("research");
    }

    private void agentRun(String project, String script) {
        app.project(project);
        Task task = app.api().createTask(NewTask.of(script, project).withBackend(Backend.CLAUDE));
        Await.until(() -> app.api().getTask(task.id()).status(), s -> s == TaskStatus.COMPLETED, AppHarness.LIMIT,
                "the " + project + " run");
    }

    /** The table's rows as the user reads them, column by column. */
    private static List<List<String>> rows(FxRobot robot) {
        return fx(() -> {
            @SuppressWarnings("unchecked")
            TableView<CostsViewModel.Total> table = robot.lookup("#costs-table").queryAs(TableView.class);
            return table.getItems().stream().map(item -> table.getColumns().stream()
                    .map(c -> String.valueOf(((TableColumn<CostsViewModel.Total, ?>) c).getCellData(item)))
                    .toList()).toList();
        });
    }

    @SuppressWarnings("unchecked")
    private static StackedBarChart<String, Number> chart(FxRobot robot) {
        return robot.lookup("#costs-chart").queryAs(StackedBarChart.class);
    }

    /** The project's bar on the chart's last day, today. */
    private static double today(StackedBarChart<String, Number> chart, String project) {
        return chart.getData().stream().filter(s -> s.getName().equals(project)).findFirst().orElseThrow()
                .getData().getLast().getYValue().doubleValue();
    }
}
