package dev.dobby.app;

import static dev.dobby.app.testing.AppHarness.awaitUi;
import static dev.dobby.app.testing.AppHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.dobby.app.notify.Notice;
import dev.dobby.app.shell.Page;
import dev.dobby.app.testing.AppHarness;
import dev.dobby.app.testing.AppTest;
import dev.dobby.app.testing.Screenshots;
import dev.dobby.app.theme.Theme;
import dev.dobby.hub.testing.Await;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.WorkerHello;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The real app with an embedded hub, driven through its window: what a user clicks and what they then see.
 * Screenshots of each main view land in target/screenshots.
 */
class ControlCentreTest extends AppTest {
    @Test
    void windowComesUpWithTheHubAddressInTheStatusBar(FxRobot robot) {
        app.awaitReady();
        String status = awaitUi(() -> robot.lookup("#status-text").queryAs(Label.class).getText(),
                text -> text.contains("1 worker online"), "the status bar to count the local worker");
        assertThat(status).contains(app.centre().connection().address()).contains("0 running");
        assertThat(fx(() -> robot.lookup("#status-notices").queryAs(Label.class).getText()))
                .isEqualTo("Notifications show in this window");
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "tasks-empty"));
    }

    @Test
    void aShellTaskSubmittedFromTheDialogRunsAndShowsInTableLogAndNotice(FxRobot robot) {
        app.awaitReady();
        app.project("demo");
        awaitUi(() -> List.copyOf(app.centre().tasks().projects()), p -> p.contains("demo"),
                "the new project in the lists");

        robot.clickOn("#submit-button");
        robot.clickOn("#submit-description").write("echo hello from the app; printf '\\033[32mgreen\\n'");
        robot.interact(() -> combo(robot, "#submit-backend").setValue(Backend.SHELL));
        robot.clickOn("#submit-queue");
        awaitDialogClosed(robot);

        Task done = awaitUi(() -> table(robot).getItems().stream()
                        .filter(t -> t.description().startsWith("echo hello from the app")).findFirst().orElse(null),
                t -> t != null && t.status() == TaskStatus.COMPLETED, "the task to show as completed in the table");
        assertThat(app.api().getTask(done.id()).backend()).isEqualTo(Backend.SHELL);

        select(robot, done);
        robot.clickOn("#log-tab");
        List<String> lines = awaitUi(() -> logList(robot).getItems().stream().map(e -> e.plain()).toList(),
                l -> l.contains("hello from the app") && l.contains("green"), "the log lines in the log view");
        assertThat(lines).containsSubsequence("hello from the app", "green");
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "log"));

        Await.until(() -> app.notices().notices().stream().anyMatch(n -> n.kind() == Notice.Kind.TASK_COMPLETED
                && done.id() == n.taskId()), AppHarness.LIMIT, "a notice for the completed task");
        assertThat(fx(() -> robot.lookup("#notice-text").queryAs(Label.class).getText()))
                .contains("Task #" + done.id() + " completed");

        robot.clickOn("#detail-tab");
        awaitUi(() -> robot.lookup("#detail-summary").queryAs(TextArea.class).getText(),
                text -> text.contains("hello from the app\ngreen"), "the result summary, colour codes removed");
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "tasks"));

        robot.clickOn("#nav-activity");
        LocalDate today = LocalDate.now(ZoneId.of(app.api().activity(1).timeZone()));
        Node square = awaitUi(() -> robot.lookup("#day-" + today).tryQuery().orElse(null),
                n -> n != null && n.getStyleClass().contains("level-4"), "today's square to show the task");
        robot.clickOn(square);
        awaitUi(() -> robot.lookup("#heatmap-tasks").queryListView().getItems().size(), n -> n == 1,
                "today's task listed under the heatmap");
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "activity"));
    }

    @Test
    void theFlowViewFollowsAnAgentLiveAndTheUsageBarsShowItsLimits(FxRobot robot) throws Exception {
        app.awaitReady();
        Project project = app.project("agentic");
        Path go = home.resolve("go");
        app.centre().tasks().refreshAll();
        awaitUi(() -> List.copyOf(app.centre().tasks().projects()), p -> p.contains("agentic"), "the project");

        robot.clickOn("#submit-button");
        String script = "echo 'STEP tool_call|1500|100|10|Read README.md|'; "
                + "while [ ! -f " + go + " ]; do sleep 0.05; done; "
                + "echo 'STEP file_edit|300|100|10|Edit src/App.java|'; echo 'USAGE claude|five_hour|0.42|allowed'; echo all done";
        robot.interact(() -> {
            robot.lookup("#submit-description").queryAs(TextArea.class).setText(script);
            combo(robot, "#submit-project").setValue(project.name());
            combo(robot, "#submit-backend").setValue(Backend.CLAUDE);
        });
        robot.clickOn("#submit-queue");
        awaitDialogClosed(robot);

        Task running = awaitUi(() -> table(robot).getItems().stream().filter(t -> t.backend() == Backend.CLAUDE)
                .findFirst().orElse(null), t -> t != null && t.status() == TaskStatus.RUNNING, "the agent to run");
        select(robot, running);
        robot.clickOn("#flow-tab");
        awaitUi(() -> flowTitles(robot), t -> t.equals(List.of("Read README.md")), "the first step, live");
        assertThat(app.api().getTask(running.id()).status()).isEqualTo(TaskStatus.RUNNING);

        Files.writeString(go, "go");
        awaitUi(() -> flowTitles(robot), t -> t.equals(List.of("Read README.md", "Edit src/App.java")),
                "the second step");
        awaitUi(() -> robot.lookup("#flow-summary").queryAs(Label.class).getText(),
                s -> s.startsWith("2 steps") && s.contains("1 edit"), "the flow summary");
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "flow"));
        Await.until(() -> app.api().getTask(running.id()).status() == TaskStatus.COMPLETED, AppHarness.LIMIT,
                "the agent to finish");

        robot.clickOn("#nav-stats");
        awaitUi(() -> app.centre().stats().usage().stream().map(b -> b.label() + " " + b.text()).toList(),
                bars -> bars.stream().anyMatch(b -> b.startsWith("local/claude · 5-hour window 42%")),
                "the usage bar of the agent's account");
        awaitUi(() -> robot.lookup("#count-completed").queryAs(Label.class).getText(), "1"::equals,
                "one completed task in the stats");
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "stats"));
    }

    @Test
    void cancelRetryAndApproveFromTheWindowReachTheHub(FxRobot robot) {
        app.awaitReady();
        app.project("slow");
        Task sleeper = app.api().createTask(NewTask.of("sleep 30", "slow").withBackend(Backend.SHELL));
        awaitUi(() -> table(robot).getItems().stream().anyMatch(t -> t.id() == sleeper.id()
                && t.status() == TaskStatus.RUNNING), ok -> ok, "the running task in the table");
        select(robot, sleeper);
        robot.clickOn("#cancel-button");
        robot.clickOn("#confirm-go");
        Await.until(() -> app.api().getTask(sleeper.id()).status() == TaskStatus.CANCELLED, AppHarness.LIMIT,
                "the hub to cancel the task");

        awaitUi(() -> fx(() -> robot.lookup("#retry-button").query().isDisabled()), disabled -> !disabled,
                "retry to become possible");
        robot.clickOn("#retry-button");
        Task again = Await.until(() -> app.api().getTask(sleeper.id()), t -> t.attempts() == 2
                || t.status() == TaskStatus.PENDING, AppHarness.LIMIT, "the hub to queue the task again");
        assertThat(again.status()).isIn(TaskStatus.PENDING, TaskStatus.RUNNING);
        app.api().cancelTask(sleeper.id());

        Task draft = app.api().createTask(NewTask.of("echo approved", "slow").withBackend(Backend.SHELL)
                .withDraft(true));
        Await.until(() -> app.notices().notices().stream().anyMatch(n -> n.kind() == Notice.Kind.DRAFT_WAITING),
                AppHarness.LIMIT, "a notice that a draft waits");
        awaitUi(() -> table(robot).getItems().stream().anyMatch(t -> t.id() == draft.id()), ok -> ok,
                "the draft in the table");
        select(robot, draft);
        robot.clickOn("#approve-button");
        Await.until(() -> app.api().getTask(draft.id()).status() != TaskStatus.DRAFT, AppHarness.LIMIT,
                "the hub to approve the draft");
    }

    @Test
    void theNetworkShowsASpokeThatRegistersAndIsThenLost(FxRobot robot) {
        app.awaitReady();
        robot.clickOn("#nav-network");
        awaitUi(() -> robot.lookup("#worker-local").tryQuery().isPresent(), ok -> ok, "the local worker node");

        app.hub().work().register(new WorkerHello("gpu-box", new Spoke.Capabilities(List.of(Backend.SHELL,
                Backend.CLAUDE), List.of("gpu"), "Linux", 32, 4, List.of(new Spoke.Gpu(0, "NVIDIA H100", 81559, 1024,
                3))), "test"), false, null);
        Node spoke = awaitUi(() -> robot.lookup("#worker-gpu-box").tryQuery().orElse(null),
                n -> n != null && n.getStyleClass().contains("online"), "the spoke, online, in the graph");

        robot.moveTo(spoke);
        String hover = awaitUi(() -> robot.listWindows().stream().filter(w -> w instanceof Tooltip && w.isShowing())
                        .map(w -> ((Tooltip) w).getText()).findFirst().orElse(""),
                text -> text.contains("gpu-box"), "the hover card");
        assertThat(hover).contains("NVIDIA H100").contains("shell, claude");
        robot.clickOn(spoke);
        awaitUi(() -> robot.lookup("#network-details").queryAs(TextArea.class).getText(),
                text -> text.contains("Spoke gpu-box") && text.contains("Tags: gpu"), "the spoke's details");
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "network"));

        app.clock().step(app.hub().config().leaseTimeout().plusSeconds(5));
        app.hub().tick();
        awaitUi(() -> robot.lookup("#worker-gpu-box").query().getStyleClass(), c -> c.contains("lost"),
                "the spoke shown as lost");
        Await.until(() -> app.notices().notices().stream().anyMatch(n -> n.kind() == Notice.Kind.SPOKE_LOST
                && n.title().contains("gpu-box")), AppHarness.LIMIT, "a notice that the spoke was lost");
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "network-lost"));
    }

    @Test
    void projectsAreRegisteredAndTheirPolicyEditedFromTheWindow(FxRobot robot) throws Exception {
        app.awaitReady();
        Path repo = Files.createDirectories(home.resolve("repo"));
        robot.clickOn("#nav-projects");
        robot.clickOn("#register-project");
        robot.clickOn("#register-name").write("web");
        robot.clickOn("#register-path").write(repo.toString());
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Node n) -> n instanceof javafx.scene.control.Button b
                && "Register".equals(b.getText())).queryButton());
        Await.until(() -> app.api().projects().stream().anyMatch(p -> p.name().equals("web")), AppHarness.LIMIT,
                "the hub to register the project");

        clickCell(robot, "web");
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            Spinner<Integer> spinner = robot.lookup("#policy-concurrency").queryAs(Spinner.class);
            spinner.getValueFactory().setValue(3);
        });
        robot.clickOn("#policy-max-attempts").write("x");
        robot.clickOn("#save-policy");
        awaitUi(() -> robot.lookup(".danger").queryAllAs(Label.class).stream().map(Label::getText).toList(),
                texts -> texts.contains("Attempts at most is a whole number from 1."), "what is wrong");
        robot.clickOn("#policy-max-attempts").eraseText(1).write("3");
        robot.clickOn("#policy-retry-backoff").write("30");
        robot.clickOn("#policy-webhook").write("https://hooks.example.test/dobby");
        robot.clickOn("#save-policy");
        Await.until(() -> app.api().getProject("web").policy().effectiveMaxConcurrent() == 3, AppHarness.LIMIT,
                "the new policy on the hub");
        var saved = app.api().getProject("web").policy();
        assertThat(saved.maxAttempts()).isEqualTo(3);
        assertThat(saved.retryBackoff()).isEqualTo(30);
        assertThat(saved.webhookUrl()).isEqualTo("https://hooks.example.test/dobby");
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "projects"));
    }

    @Test
    void theThemeSwitchesBetweenLightAndDark(FxRobot robot) {
        app.awaitReady();
        assertThat(fx(() -> app.centre().currentTheme())).isEqualTo(Theme.LIGHT);
        double light = fx(this::statusBarBrightness);

        robot.press(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.SHORTCUT);
        awaitUi(() -> app.centre().currentTheme(), t -> t == Theme.DARK, "the dark theme");
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());
        double dark = awaitUi(this::statusBarBrightness, b -> b < 0.3, "the window to turn dark");
        assertThat(light).isGreaterThan(0.7);
        assertThat(dark).isLessThan(light);
        fx(() -> Screenshots.save(app.centre().stage().getScene(), "tasks-dark"));

        fx(() -> {
            app.centre().window().show(Page.TASKS);
            return null;
        });
        robot.clickOn("View").clickOn("Dark theme");
        awaitUi(() -> app.centre().currentTheme(), t -> t == Theme.LIGHT, "the light theme again");
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerLight().getUserAgentStylesheet());
    }

    @Test
    void pauseDispatchHoldsNewTasksAndClosingTheWindowOnlyHidesIt(FxRobot robot) {
        app.awaitReady();
        app.project("p");
        robot.clickOn("Hub").clickOn("Pause dispatch");
        Await.until(() -> app.hub().isDispatchPaused(), AppHarness.LIMIT, "the hub to pause dispatch");
        awaitUi(() -> robot.lookup("#status-text").queryAs(Label.class).getText(),
                text -> text.endsWith("dispatch paused"), "the status bar to say so");
        Task held = app.api().createTask(NewTask.of("echo held", "p").withBackend(Backend.SHELL));
        assertThat(app.api().getTask(held.id()).status()).isEqualTo(TaskStatus.PENDING);

        robot.press(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.SHORTCUT);
        Await.until(() -> !app.hub().isDispatchPaused(), AppHarness.LIMIT, "dispatch to resume");
        assertThat(app.api().getTask(held.id()).status()).isNotEqualTo(TaskStatus.DRAFT);
        Await.until(() -> app.api().getTask(held.id()).status() == TaskStatus.COMPLETED, AppHarness.LIMIT,
                "the held task to run once dispatch resumed");

        fx(() -> {
            Stage stage = app.centre().stage();
            stage.fireEvent(new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
            return null;
        });
        awaitUi(() -> app.centre().stage().isShowing(), showing -> !showing, "the window to hide");
        assertThat(app.hub().isRunning()).isTrue();
        assertThat(app.api().health().status()).isEqualTo("ok");
        fx(() -> {
            app.centre().showWindow();
            return null;
        });
        awaitUi(() -> app.centre().stage().isShowing(), showing -> showing, "the window to come back");
    }

    // ---- helpers

    private double statusBarBrightness() {
        javafx.scene.Scene scene = app.centre().stage().getScene();
        WritableImage image = scene.snapshot(null);
        Color pixel = image.getPixelReader().getColor(3, (int) image.getHeight() - 3);
        return pixel.getBrightness();
    }

    @SuppressWarnings("unchecked")
    private static TableView<Task> table(FxRobot robot) {
        return robot.lookup("#tasks-table").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private static ListView<dev.dobby.app.logs.LogViewModel.Entry> logList(FxRobot robot) {
        return robot.lookup("#log-list").queryAs(ListView.class);
    }

    private static List<String> flowTitles(FxRobot robot) {
        @SuppressWarnings("unchecked")
        ListView<FlowStep> list = robot.lookup("#flow-list").queryAs(ListView.class);
        return list.getItems().stream().map(FlowStep::title).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> ComboBox<T> combo(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ComboBox.class);
    }

    /** Clicks the task's row the way a user would, until the app shows it selected (clicks can be lost under load). */
    private void select(FxRobot robot, Task task) {
        for (int attempt = 1; ; attempt++) {
            clickCell(robot, task.description());
            try {
                Await.until(() -> fx(() -> app.centre().tasks().selectedProperty().get()),
                        t -> t != null && t.id() == task.id(), java.time.Duration.ofSeconds(5), "task selected");
                return;
            } catch (AssertionError e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    static void awaitDialogClosed(FxRobot robot) {
        awaitUi(() -> robot.listWindows().stream().noneMatch(w -> w.isShowing() && w.getScene() != null
                && w.getScene().lookup("#submit-dialog") != null), closed -> closed, "the dialog to close");
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Clicks the table cell showing {@code text}. The list reloads as events arrive, and a reload can take the cell
     * found out of the scene before the click reaches it: then it is looked up again.
     */
    static void clickCell(FxRobot robot, String text) {
        for (int attempt = 1; ; attempt++) {
            try {
                robot.clickOn(cell(robot, text));
                return;
            } catch (RuntimeException detached) {
                if (attempt == 5) {
                    throw detached;
                }
                org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            }
        }
    }

    /** A cell on screen showing {@code text}: the table also keeps hidden spare cells that may still hold it. */
    static Node cell(FxRobot robot, String text) {
        return awaitUi(() -> robot.lookup((Node n) -> n instanceof TableCell<?, ?> c
                        && (text.equals(c.getText()) || text.equals(c.getAccessibleText())) && c.getScene() != null
                        && !c.isEmpty() && c.isVisible() && c.getTableRow() != null && c.getTableRow().isVisible()
                        && c.getTableRow().getItem() != null)
                .tryQuery().orElse(null), n -> n != null, "a table cell showing '" + text + "'");
    }
}
