package dev.dobby.app;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.testing.AppHarness;
import dev.dobby.app.testing.AppTest;
import dev.dobby.hub.testing.Await;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.ProjectPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Projects page and the Register dialog of the real app on a real embedded hub. */
class ProjectsViewTest extends AppTest {
    @Test
    void registerSaysWhatIsWrongAndSavingThePolicyKeepsWhatThePaneDoesNotShow(FxRobot robot) throws Exception {
        app.awaitReady();
        Path repo = Files.createDirectories(home.resolve("api-repo"));
        robot.clickOn("#nav-projects");
        robot.clickOn("#register-project");
        robot.clickOn("#register-name").write("api");
        robot.clickOn("#register-path").write("api-repo");
        robot.clickOn("#register-go");
        awaitUi(() -> robot.lookup("#register-problem").queryAs(Label.class).getText(),
                "The folder must be an absolute path."::equals, "what is wrong with the folder");
        assertThat(app.api().projects()).isEmpty();
        javafx.scene.Scene dialog = fx(() -> robot.lookup("#register-dialog").query().getScene());
        fx(() -> dev.dobby.app.testing.Screenshots.save(dialog, "dialog-register-problem"));
        assertThat(fx(() -> dev.dobby.app.testing.Ellipses.in(dialog.getRoot()))).isEmpty();
        robot.clickOn("#register-path").eraseText("api-repo".length()).write(repo.toString());
        robot.clickOn("#register-go");
        Await.until(() -> app.api().projects().stream().anyMatch(p -> p.name().equals("api")), AppHarness.LIMIT,
                "the project on the hub");

        // Settings this pane does not show (budgets, fallback, GPU sharing) survive a save from it.
        app.api().updateProject("api", new ProjectPolicy(null, null, null, null, null, null, null, null, 5.0, 50.0,
                true, Backend.CODEX, true, true));
        awaitUi(() -> robot.lookup("#projects-table").<dev.dobby.protocol.Project>queryTableView().getItems()
                .stream().anyMatch(p -> p.policy().fallbackBackend() == Backend.CODEX), b -> b,
                "the list to have the new settings");
        // A reload of the list may land between a click and its selection, as it may for a user: click again.
        Await.until(() -> {
            ControlCentreTest.clickCell(robot, "api");
            WaitForAsyncUtils.waitForFxEvents();
            return fx(() -> robot.lookup("#policy-title").queryAs(Label.class).getText());
        }, "Policy of api"::equals, AppHarness.LIMIT, "the policy pane for the project");
        robot.clickOn("#policy-timeout").write("0");
        robot.clickOn("#save-policy");
        awaitUi(() -> robot.lookup("#policy-problem").queryAs(Label.class).getText(),
                "The timeout is a whole number of minutes."::equals, "what is wrong with the timeout");
        robot.clickOn("#policy-timeout").eraseText(1).write("45");
        robot.clickOn("#policy-max-attempts").write("2");
        robot.clickOn("#save-policy");
        ProjectPolicy saved = Await.until(() -> app.api().getProject("api").policy(),
                p -> Integer.valueOf(45 * 60).equals(p.defaultTimeout()), AppHarness.LIMIT, "the saved policy");
        assertThat(saved.maxAttempts()).isEqualTo(2);
        assertThat(saved.dailyBudgetUsd()).isEqualTo(5.0);
        assertThat(saved.monthlyBudgetUsd()).isEqualTo(50.0);
        assertThat(saved.budgetStopRunning()).isTrue();
        assertThat(saved.fallbackBackend()).isEqualTo(Backend.CODEX);
        assertThat(saved.resumeOnTimeout()).isTrue();
        assertThat(saved.gpuSharing()).isTrue();
        assertThat(fx(() -> robot.lookup("#policy-problem").queryAs(Label.class).getText())).isEmpty();
        // After the save the list reloads; the project stays chosen, in the list and in the pane.
        awaitUi(() -> robot.lookup("#projects-table").<dev.dobby.protocol.Project>queryTableView()
                .getSelectionModel().getSelectedItem(), p -> p != null && p.policy().maxAttempts() != null
                && p.policy().maxAttempts() == 2, "the saved project still selected in the list");
        assertThat(fx(() -> robot.lookup("#policy-title").queryAs(Label.class).getText())).isEqualTo("Policy of api");
        assertThat(fx(() -> robot.lookup("#policy-max-attempts").queryAs(javafx.scene.control.TextField.class)
                .getText())).isEqualTo("2");
    }
}
