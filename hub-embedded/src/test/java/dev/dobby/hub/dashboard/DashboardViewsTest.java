package dev.dobby.hub.dashboard;

import dev.dobby.hub.testing.ScriptedAgentBackend;

import static dev.dobby.hub.dashboard.DashboardFixture.open;
import static dev.dobby.hub.dashboard.DashboardFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.ShellBackend;
import dev.dobby.hub.config.HubConfig;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Heartbeat;
import dev.dobby.protocol.work.WorkerHello;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** Every view of the dashboard in real Chromium against a real hub running real tasks, updating live. */
class DashboardViewsTest {
    private static final Duration END = Duration.ofSeconds(30);
    private static final String HUB_URL = "https://dobby.example.test";
    private static final String GITHUB_URL = "https://github.com/example/dobby";

    @TempDir
    static Path home;

    private static TestHub hub;
    private static Browser browser;
    private static String dashboard;

    @BeforeAll
    static void start() {
        hub = TestHub.start(home, c -> new HubConfig(c.home(), c.port(), c.host(), c.maxConcurrentAgents(),
                c.defaultTimeout(), c.gpuPollInterval(), c.resultsDir(), c.dbPath(), c.apiKey(), c.webhookUrl(),
                c.staleTimeout(), HUB_URL, GITHUB_URL, Duration.ofSeconds(5), Duration.ofSeconds(1), c.killGrace()),
                b -> b.backends(List.of(new ShellBackend(), new ScriptedAgentBackend())));
        browser = Browser.start();
        dashboard = hub.url() + "/dashboard";
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @AfterEach
    void pageStayedClean() {
        DashboardFixture.assertCleanConsole(browser);
    }

    private static final List<Path> gates = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A file a task waits for; every gate opens after its test, passed or failed, so no task outlives it. */
    private static Path gate(String name) {
        Path gate = home.resolve("gate-" + name + "-" + System.nanoTime());
        gates.add(gate);
        return gate;
    }

    @AfterEach
    void openEveryGate() {
        gates.forEach(DashboardFixture::open);
        gates.clear();
    }

    private static void show(String route) {
        browser.open(dashboard + "#/" + route);
        browser.visible("#live-state.live");
    }

    @Test
    void agentNetworkShowsTheHubTheLocalWorkerAndSpokesWithTheirStatesLive() {
        DashboardFixture.project(hub, "net");
        Path release = gate("net");
        Task busy = hub.shell("net", "echo busy; " + waitFor(release));
        hub.awaitStatus(busy.id(), TaskStatus.RUNNING, END);
        Await.until(() -> hub.api().listTasks(TaskQuery.all().withStatuses(List.of(TaskStatus.RUNNING))).total() == 1,
                END, "earlier tests' tasks to end");

        show("network");
        browser.text("#hub-node", "Dobby hub");
        browser.text("#hub-node .stat-running dd", "1");
        browser.text("[data-worker='local'] .state-pill", "online");
        browser.text("[data-worker='local'] .backends dd", "shell");
        browser.text("[data-worker='local'] .running-list", "#" + busy.id() + " echo busy");

        // A spoke with a GPU registers while the page is open; it drains, then goes silent and is declared lost.
        Spoke.Capabilities gpuBox = new Spoke.Capabilities(List.of(Backend.CLAUDE, Backend.SHELL), List.of("gpu"),
                "Linux", 32, 2, List.of(new Spoke.Gpu(0, "NVIDIA H100", 81_559, 20_480, 37)));
        hub.hub().work().register(new WorkerHello("gpu-box", gpuBox, "test"), false, null);
        browser.text("[data-worker='gpu-box'] .state-pill", "online");
        browser.text("[data-worker='gpu-box'] .gpus", "NVIDIA H100");
        browser.text("[data-worker='gpu-box'] .gpus", "20,480 / 81,559 MiB");
        browser.text("[data-worker='gpu-box'] .backends dd", "claude, shell");
        browser.screenshot("network");

        hub.hub().work().heartbeat(new Heartbeat("gpu-box", List.of(), null, true));
        browser.text("[data-worker='gpu-box'] .state-pill", "draining");

        hub.hub().work().register(new WorkerHello("old-box", gpuBox, "test"), false, null);
        browser.text("[data-worker='old-box'] .state-pill", "online");
        hub.hub().work().deregister("old-box");
        browser.text("[data-worker='old-box'] .state-pill", "stopped");

        browser.text("[data-worker='gpu-box'] .state-pill", "lost");
        browser.text("[data-worker='gpu-box'] .heartbeat dd", "last");

        open(release);
        hub.awaitEnd(busy.id(), END);
        browser.text("[data-worker='local'] .running", "idle");
        browser.text("#hub-node .stat-running dd", "0");
        browser.screenshot("network-states");
    }

    @Test
    void liveJobsShowRunningTasksWithElapsedTimeAndTheirLastLineAsItArrives() {
        DashboardFixture.project(hub, "jobs");
        Path step = gate("jobs-step");
        Path release = gate("jobs-end");
        Task task = hub.shell("jobs", "echo starting; " + waitFor(step) + "; printf 'compiling \\033[32mmodule 2\\033[0m\\n'; "
                + waitFor(release));

        show("jobs");
        WebElement card = browser.visible("#jobs [data-task='" + task.id() + "']");
        browser.text("#jobs [data-task='" + task.id() + "'] .last-line", "starting");
        String before = card.findElement(By.cssSelector(".elapsed")).getText();
        assertThat(before).matches("\\d+s");

        open(step);
        browser.text("#jobs [data-task='" + task.id() + "'] .last-line", "compiling module 2");
        assertThat(browser.find("#jobs [data-task='" + task.id() + "'] .last-line .ansi-fg-2").getText()).isEqualTo("module 2");
        browser.waitFor(d -> !d.findElement(By.cssSelector("#jobs [data-task='" + task.id() + "'] .elapsed")).getText()
                .equals(before));
        browser.screenshot("live-jobs");

        open(release);
        browser.waitFor(d -> d.findElements(By.cssSelector("#jobs [data-task='" + task.id() + "']")).isEmpty());
        browser.text("#jobs", "No task is running.");
    }

    @Test
    void aTaskSubmittedThroughTheApiAppearsAndChangesStateWithoutAReload() {
        DashboardFixture.project(hub, "live");
        show("tasks");
        browser.visible("#task-rows");
        browser.js("window.__samePage = 'yes'");

        Path release = gate("live");
        Task task = hub.client().createTask(NewTask.of("echo appearing; " + waitFor(release), "live").withBackend(Backend.SHELL));
        String row = "#task-rows tr[data-task='" + task.id() + "']";
        browser.text(row + " .pill", "running");
        assertThat(browser.find(row + " .description").getText()).startsWith("echo appearing;");

        open(release);
        browser.text(row + " .pill", "completed");
        assertThat(browser.js("return window.__samePage")).isEqualTo("yes");
        browser.screenshot("tasks");
    }

    @Test
    void theTaskListSearchesFiltersByStatusAndProject() {
        DashboardFixture.project(hub, "alpha");
        DashboardFixture.project(hub, "beta");
        Task needle = hub.shell("alpha", "echo needle-7781");
        Task failing = hub.shell("beta", "echo broken-7781; exit 4");
        hub.awaitEnd(needle.id(), END);
        hub.awaitEnd(failing.id(), END);

        show("tasks");
        browser.visible("#task-search").sendKeys("7781");
        browser.waitFor("the search in the address", d -> d.getCurrentUrl().endsWith("#/tasks?q=7781"));
        browser.waitFor(d -> d.findElements(By.cssSelector("#task-rows tr[data-task]")).size() == 2);
        assertThat(browser.find("#task-count").getText()).isEqualTo("1–2 of 2");

        browser.js("const s = document.getElementById('task-status'); s.value = 'failed'; s.dispatchEvent(new Event('change'))");
        browser.waitFor(d -> d.findElements(By.cssSelector("#task-rows tr[data-task]")).size() == 1);
        browser.text("#task-rows tr[data-task='" + failing.id() + "'] .pill", "failed");

        browser.js("const s = document.getElementById('task-status'); s.value = ''; s.dispatchEvent(new Event('change'))");
        browser.js("const p = document.getElementById('task-project'); p.value = 'alpha'; p.dispatchEvent(new Event('change'))");
        browser.waitFor(d -> d.findElements(By.cssSelector("#task-rows tr[data-task]")).size() == 1
                && !d.findElements(By.cssSelector("#task-rows tr[data-task='" + needle.id() + "']")).isEmpty());
        assertThat(browser.driver().getCurrentUrl()).contains("q=7781").contains("project=alpha");
        browser.screenshot("tasks-filtered");

        // The filters live in the address: opening it fresh shows the same page.
        browser.open(browser.driver().getCurrentUrl());
        browser.waitFor(d -> d.findElements(By.cssSelector("#task-rows tr[data-task]")).size() == 1);
        assertThat(browser.find("#task-search").getAttribute("value")).isEqualTo("7781");
    }

    @Test
    void taskDetailShowsColouredLogsAllDetailsWithArtifactsAndTheTimeline() throws Exception {
        DashboardFixture.project(hub, "detail");
        Task task = hub.shell("detail", "printf '\\033[1;31merror:\\033[0m not really\\n'; echo second line; echo to-stderr >&2;"
                + " echo kept > report.txt");
        hub.awaitEnd(task.id(), END);

        show("tasks/" + task.id());
        browser.text("#log", "second line");
        WebElement red = browser.find("#log .ansi-fg-1.ansi-bold");
        assertThat(red.getText()).isEqualTo("error:");
        assertThat(browser.find("#log").getText()).doesNotContain("[1;31m");
        browser.text("#log .log-line.stderr", "to-stderr");
        browser.text(".task-status .pill", "completed");
        browser.screenshot("task-logs");

        browser.find("[data-tab='details']").click();
        // What a user came for leads; every raw field is one click away.
        browser.text("#outcome-headline", "Completed in");
        browser.text("#task-facts", "Worker\nlocal");
        assertThat(browser.find("#task-fields").isDisplayed()).isFalse();
        browser.find("#all-fields > summary").click();
        browser.text("#task-fields [data-field='project'] dd", "detail");
        browser.text("#task-fields [data-field='exit_code'] dd", "0");
        browser.text("#result-summary", "second line");
        WebElement output = browser.visible("#artifacts a[href$='/artifacts/output.log']");
        assertThat(output.getAttribute("href")).isEqualTo(hub.url() + "/tasks/" + task.id() + "/artifacts/output.log");
        String downloaded = (String) browser.jsAsync("const done = arguments[arguments.length - 1];"
                + " fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e))", output.getAttribute("href"));
        assertThat(downloaded).contains("second line");
        browser.screenshot("task-details");

        browser.find("[data-tab='timeline']").click();
        browser.text("#timeline", "created");
        List<String> reached = browser.all("#timeline .event[data-to]").stream().map(e -> e.getAttribute("data-to")).toList();
        assertThat(reached).containsSubsequence("running", "completed");
        browser.screenshot("task-timeline");

        // The share link uses the configured public address.
        assertThat(browser.find("#share-link").getAttribute("href")).isEqualTo(HUB_URL + "/dashboard#/tasks/" + task.id());
    }

    @Test
    void theFlowViewDrawsTheAgentsStepsAndGrowsLive() {
        DashboardFixture.project(hub, "flow");
        Path release = gate("flow");
        String script = String.join("; ",
                "echo 'STEP session||0|0|Session started|model scripted'",
                "echo 'STEP file_read|40|1200|10|Read src/App.java|class App {}'",
                "echo 'STEP tool_call|2500|1500|80|Bash: mvn test|Tests run: 12, Failures: 0'",
                waitFor(release),
                "echo 'STEP file_edit|300|1900|400|Edit src/App.java|+ return 42;'",
                "echo 'STEP result||0|0|Done: tests pass|all good'",
                "echo finished");
        Task task = hub.api().createTask(NewTask.of(script, "flow").withBackend(Backend.CLAUDE));

        show("tasks/" + task.id() + "/logs");
        // a claude task's Output is its transcript; lines that are not agent events show there as they are
        browser.text("#transcript", "STEP tool_call");
        browser.find("#open-flow").click();
        browser.waitFor(d -> d.findElements(By.cssSelector("#flow-steps li")).size() == 3);
        browser.text("#flow-steps li[data-kind='tool_call']", "Bash: mvn test");
        browser.text("#flow-steps li[data-kind='file_read']", "src/App.java");

        open(release);
        browser.waitFor(d -> d.findElements(By.cssSelector("#flow-steps li")).size() == 5);
        browser.text("#flow-steps li[data-kind='file_edit']", "Edit src/App.java");
        browser.text(".flow-summary", "Files edited");
        assertThat(browser.find(".flow-summary").getText()).contains("4,600 in · 490 out");
        hub.awaitEnd(task.id(), END);
        browser.screenshot("flow");
    }

    @Test
    void usageShowsReportedBarsAndSaysUnknownForWhatWasNotReported() {
        DashboardFixture.project(hub, "usage");
        Task task = hub.api().createTask(NewTask.of("echo 'USAGE claude|five_hour|0.42|allowed'; "
                + "echo 'USAGE claude|seven_day||allowed_warning'", "usage").withBackend(Backend.CLAUDE));
        hub.awaitEnd(task.id(), END);

        show("usage");
        // The hub names an account by the worker whose agent reported it.
        browser.text("[data-account='local/claude'] [data-window='five_hour'] .usage-figure", "42% used");
        String width = (String) browser.js("return document.querySelector(\"[data-window='five_hour'] .bar-fill\").style.width");
        assertThat(width).isEqualTo("42%");
        browser.text("[data-account='local/claude'] [data-window='seven_day'] .usage-figure", "unknown");
        assertThat(browser.all("[data-window='seven_day'] .bar")).isEmpty();
        browser.screenshot("usage");
    }

    @Test
    void theHeatmapCountsTodaysCompletionsAndExplainsACellOnHover() {
        DashboardFixture.project(hub, "heat");
        for (int i = 0; i < 3; i++) {
            hub.awaitEnd(hub.shell("heat", "echo " + i).id(), END);
        }
        Task failed = hub.shell("heat", "exit 1");
        hub.awaitEnd(failed.id(), END);

        show("activity");
        String today = LocalDate.now(ZoneId.systemDefault()).toString();
        WebElement cell = browser.visible("rect.cell[data-day='" + today + "']");
        assertThat(Integer.parseInt(cell.getAttribute("data-count"))).isGreaterThanOrEqualTo(3);
        assertThat(cell.getAttribute("class")).contains("has-failed").doesNotContain("lvl-0");
        browser.text("#activity-totals [data-project='heat']", "3");

        new Actions(browser.driver()).moveToElement(cell).perform();
        browser.visible("#tooltip");
        assertThat(browser.find("#tooltip").getText()).contains("completed").contains("heat: 3 completed, 1 failed");
        browser.screenshot("activity");

        // A task finishing while the page is open adds to today's cell.
        int before = Integer.parseInt(cell.getAttribute("data-count"));
        hub.awaitEnd(hub.shell("heat", "echo one more").id(), END);
        browser.waitFor(d -> Integer.parseInt(d.findElement(By.cssSelector("rect.cell[data-day='" + today + "']"))
                .getAttribute("data-count")) == before + 1);
    }

    @Test
    void batchesShowTheirProgressAsTheirTasksFinish() {
        DashboardFixture.project(hub, "batch");
        Path release = gate("batch");
        BatchStatus batch = hub.api().createBatch(new NewBatch("nightly checks", List.of(
                NewBatch.Entry.of("a", "echo a; " + waitFor(release), "batch"),
                NewBatch.Entry.of("b", "echo b; " + waitFor(release), "batch"),
                NewBatch.Entry.of("c", "echo c", "batch", "a", "b"))));

        show("batches");
        String card = "[data-batch='" + batch.id() + "']";
        browser.text(card, "nightly checks");
        browser.text(card + " .batch-done", "0 of 3 finished");
        browser.screenshot("batches");

        open(release);
        browser.text(card + " .batch-done", "3 of 3 finished");
        browser.text(card + " .batch-progress", "100%");

        browser.find(card + " a").click();
        browser.text("#batches [data-batch='" + batch.id() + "'] .batch-done", "3 of 3 finished");
        assertThat(browser.all("#batches tr[data-task]")).hasSize(3);
        browser.screenshot("batch");
    }

    @Test
    void aTaskSubmittedFromThePageRunsOnTheHub() {
        DashboardFixture.project(hub, "submit");
        show("tasks");
        browser.visible("#new-task").click();
        browser.visible("#submit-dialog[open]");
        browser.find("#submit-description").sendKeys("echo submitted from the page");
        browser.js("document.getElementById('submit-project').value = 'submit'");
        browser.js("document.getElementById('submit-backend').value = 'shell'");
        browser.screenshot("submit-dialog");
        browser.find("#submit-send").click();

        browser.waitFor(d -> d.getCurrentUrl().matches(".*#/tasks/\\d+$"));
        long id = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*#/tasks/", ""));
        Task created = hub.awaitEnd(id, END);
        assertThat(created.description()).isEqualTo("echo submitted from the page");
        assertThat(created.project()).isEqualTo("submit");
        browser.text(".task-status .pill", "completed");
        browser.text("#log", "submitted from the page");
    }

    @Test
    void aCancelFromThePageReachesTheHub() {
        DashboardFixture.project(hub, "cancel");
        Task task = hub.shell("cancel", "echo waiting; " + waitFor(gate("cancel")));
        hub.awaitStatus(task.id(), TaskStatus.RUNNING, END);

        show("tasks/" + task.id());
        browser.text("#log", "waiting");
        browser.visible("#task-actions [data-action='cancel']").click();
        browser.text("#confirm-dialog[open] #confirm-message", "its agent will be stopped");
        browser.screenshot("confirm-cancel");
        browser.find("#confirm-yes").click();

        hub.awaitStatus(task.id(), TaskStatus.CANCELLED, END);
        browser.text(".task-status .pill", "cancelled");
        assertThat(browser.all("#task-actions [data-action='cancel']")).isEmpty();
    }

    @Test
    void dismissingACancelFromLiveJobsLetsTheTaskRunOn() {
        DashboardFixture.project(hub, "keep");
        Path release = gate("keep");
        Task task = hub.shell("keep", waitFor(release));
        hub.awaitStatus(task.id(), TaskStatus.RUNNING, END);

        show("jobs");
        browser.visible("#jobs [data-task='" + task.id() + "'] [data-action='cancel']").click();
        browser.visible("#confirm-dialog[open] #confirm-no").click();
        browser.waitFor(d -> d.findElements(By.cssSelector("#confirm-dialog[open]")).isEmpty());
        assertThat(browser.all("#jobs [data-task='" + task.id() + "']")).hasSize(1);
        // Had the page sent the cancel anyway, the task would end cancelled instead of running to its end.
        open(release);
        assertThat(hub.awaitEnd(task.id(), END).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void retryWithCascadeReopensTheTasksThatWaitedOnAFailure() throws Exception {
        DashboardFixture.project(hub, "retry");
        Path fixed = gate("retry-fixed");
        Task parent = hub.shell("retry", "[ -e '" + fixed + "' ] || exit 3; echo fixed now");
        Task child = hub.api().createTask(NewTask.of("echo child ran", "retry").withBackend(Backend.SHELL)
                .withDependsOn(List.of(parent.id())));
        assertThat(hub.awaitEnd(parent.id(), END).status()).isEqualTo(TaskStatus.FAILED);
        Await.until(() -> hub.api().getTask(child.id()).status() == TaskStatus.BLOCKED, END, "the child to be blocked");

        open(fixed);
        show("tasks/" + parent.id());
        browser.text(".task-status .pill", "failed");
        browser.confirmAction("retry", true);

        Task retried = Await.until(() -> hub.api().getTask(parent.id()), t -> t.attempts() == 2 && t.status().isTerminal(),
                END, "the retried parent to end");
        assertThat(retried.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(hub.awaitEnd(child.id(), END).status()).isEqualTo(TaskStatus.COMPLETED);
        browser.text(".task-status .pill", "completed");
        browser.find("[data-tab='timeline']").click();
        browser.text("#timeline", "attempt 2");
    }

    @Test
    void approvingADraftQueuesIt() {
        DashboardFixture.project(hub, "draft");
        Task draft = hub.api().createTask(NewTask.of("echo approved", "draft").withBackend(Backend.SHELL).withDraft(true));

        show("tasks/" + draft.id());
        browser.text(".task-status .pill", "draft");
        browser.confirmAction("approve", false);

        assertThat(hub.awaitEnd(draft.id(), END).status()).isEqualTo(TaskStatus.COMPLETED);
        browser.text(".task-status .pill", "completed");
    }

    @Test
    void theThemeToggleIsRememberedAndTheSidebarLinksToGithub() {
        show("network");
        assertThat(browser.find("#github-link").getAttribute("href")).isEqualTo(GITHUB_URL);
        String first = (String) browser.js("return document.documentElement.dataset.theme");
        browser.find("#theme-toggle").click();
        String second = (String) browser.js("return document.documentElement.dataset.theme");
        assertThat(second).isNotEqualTo(first).isIn("dark", "light");
        browser.driver().navigate().refresh();
        browser.visible("#live-state.live");
        assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo(second);
        browser.screenshot("theme-" + second);
        browser.find("#theme-toggle").click();
        assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo(first);
    }

    @Test
    void everyViewFitsAPhonesWidth() throws Exception {
        DashboardFixture.project(hub, "phone");
        Task task = hub.shell("phone", "echo a rather long line of output that has to wrap on a narrow screen instead of"
                + " pushing the page sideways; echo done");
        hub.awaitEnd(task.id(), END);
        browser.size(390, 844);
        try {
            for (String route : List.of("network", "jobs", "tasks", "tasks/" + task.id() + "/logs",
                    "tasks/" + task.id() + "/details", "tasks/" + task.id() + "/timeline", "batches", "activity", "usage")) {
                show(route);
                browser.waitFor(d -> !d.findElement(By.id("main")).getText().contains("Loading"));
                Long overflow = (Long) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
                assertThat(overflow).as("sideways overflow of " + route).isLessThanOrEqualTo(0L);
                browser.screenshot("phone-" + route.replaceAll("[^a-z]+", "-").replaceAll("-$", ""));
            }
        } finally {
            browser.size(1280, 900);
        }
        Files.createDirectories(Browser.SCREENSHOTS);
    }
}
