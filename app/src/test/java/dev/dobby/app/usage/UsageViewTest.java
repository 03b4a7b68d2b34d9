package dev.dobby.app.usage;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

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
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The Usage view of the real app: "unknown" until an agent reports its rate limits, then a bar per window. */
class UsageViewTest extends AppTest {
    private static final String ACCOUNT = "#usage-account-local-claude";

    @Test
    void windowsReadAsWordsWithBarsAndUnknownWhereNothingWasReported(FxRobot robot) {
        app.awaitReady();
        robot.clickOn("#nav-usage");
        String unknown = awaitUi(() -> robot.lookup("#usage-unknown .label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList(), l -> !l.isEmpty(), "the unknown card").toString();
        assertThat(unknown).contains("Unknown").contains("No agent has reported rate-limit figures");
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "usage-unknown"));

        app.project("agents");
        Task agent = app.api().createTask(NewTask.of(String.join("; ",
                "echo 'USAGE x|five_hour|0.42|allowed'",
                "echo 'USAGE x|seven_day|0.93|allowed_warning'",
                "echo 'USAGE x|seven_day_opus|1.0|rejected'",
                "echo 'USAGE x|seven_day_sonnet||allowed'",
                "echo 'STEP tool_call|1200|52000|120000|Read README.md|'",
                "echo done"), "agents").withBackend(Backend.CLAUDE));
        Await.until(() -> app.api().getTask(agent.id()).status(), s -> s == TaskStatus.COMPLETED, AppHarness.LIMIT,
                "the agent to end");

        String fiveHour = awaitUi(() -> robot.lookup(ACCOUNT + "-five_hour-name").tryQueryAs(Label.class)
                .map(Label::getText).orElse(""), t -> !t.isEmpty(), "the 5-hour window");
        assertThat(fiveHour).isEqualTo("5-hour window");
        assertThat(text(robot, ACCOUNT + "-five_hour-figure")).isEqualTo("42% used");
        assertThat(text(robot, ACCOUNT + "-five_hour-detail"))
                .matches("resets in (59m|1h 0m) · reported (just now|\\d+ s ago)");
        assertThat(text(robot, ACCOUNT + "-seven_day-name")).isEqualTo("7-day window");
        assertThat(text(robot, ACCOUNT + "-seven_day-figure")).isEqualTo("93% used");
        assertThat(text(robot, ACCOUNT + "-seven_day-detail")).startsWith("allowed warning · resets in ");
        assertThat(text(robot, ACCOUNT + "-seven_day_sonnet-name")).isEqualTo("7-day window (Sonnet)");
        assertThat(text(robot, ACCOUNT + "-seven_day_sonnet-figure")).isEqualTo("unknown");
        assertThat(fx(() -> robot.lookup(ACCOUNT + " .label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList()))
                .as("no raw window names or timestamps")
                .noneMatch(t -> t.contains("five_hour") || t.contains("seven_day") || t.matches(".*\\d{4}-\\d\\d-.*"))
                .anyMatch(t -> t.startsWith("Out of quota: its tasks wait until the limit resets at ")
                        && t.contains("(resets in "));
        List<String> bars = fx(() -> robot.lookup(ACCOUNT + " .usage-bar").queryAllAs(ProgressBar.class).stream()
                .map(b -> b.getStyleClass().getLast()).toList());
        assertThat(bars).containsExactly("usage-ok", "usage-high", "usage-high", "usage-unknown");
        assertThat(fx(() -> Ellipses.in(app.centre().stage().getScene().getRoot()))).isEmpty();
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "usage"));
    }

    private static String text(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }
}
