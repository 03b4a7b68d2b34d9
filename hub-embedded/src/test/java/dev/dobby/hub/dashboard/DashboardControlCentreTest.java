package dev.dobby.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.ShellBackend;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.ScriptedAgentBackend;
import dev.dobby.hub.testing.SteppedClock;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Schedule;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.WorkerHello;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard as a control centre, in real Chromium against a real hub: why tasks wait, schedules, the network
 * graph, the heatmap's scale, projects and costs, and pages that used to show junk.
 */
class DashboardControlCentreTest {
    private static final Duration END = Duration.ofSeconds(30);

    @TempDir
    static Path home;

    private static TestHub hub;
    private static Browser browser;
    private static String dashboard;

    @BeforeAll
    static void start() {
        hub = TestHub.start(home, c -> c, b -> b.backends(List.of(new ShellBackend(), new ScriptedAgentBackend())));
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

    /** An attribute read in one step, so that a redraw between finding and reading cannot get in the way. */
    private static String attribute(String css, String name) {
        Object value = browser.js("const el = document.querySelector(arguments[0]); return el ? el.getAttribute(arguments[1]) : ''",
                css, name);
        return value == null ? "" : value.toString();
    }

    /** How many requests the page made, since its timings were last cleared, whose address contains {@code part}. */
    private static long requests(String part) {
        return ((Number) browser.js("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes(arguments[0])).length", part)).longValue();
    }

    private static void show(String route) {
        browser.open(dashboard + "#/" + route);
        browser.visible("#live-state.live");
    }

    @Test
    void waitingTasksSayWhyInTheListTheHeaderAndTheTimelineAndStuckOnesStandOut() {
        DashboardFixture.project(hub, "wait");
        Task noWorker = hub.api().createTask(NewTask.of("echo needs a gpu", "wait").withBackend(Backend.SHELL)
                .withTarget(null, List.of("gpu")));
        Task parent = hub.shell("wait", "exit 4");
        Task child = hub.api().createTask(NewTask.of("echo after the parent", "wait").withBackend(Backend.SHELL)
                .withDependsOn(List.of(parent.id())));
        assertThat(hub.awaitEnd(parent.id(), END).status()).isEqualTo(TaskStatus.FAILED);
        Await.until(() -> hub.api().getTask(child.id()).status() == TaskStatus.BLOCKED, END, "the child to be blocked");

        browser.js("performance.clearResourceTimings()");
        show("tasks?project=wait");
        String gpuRow = "#task-rows tr[data-task='" + noWorker.id() + "']";
        browser.text(gpuRow + " .wait-hint", "no online worker with tags gpu can run shell tasks");
        browser.text(gpuRow + " .stuck-badge", "CAN'T RUN");
        assertThat(attribute(gpuRow, "class")).contains("stuck");
        String childRow = "#task-rows tr[data-task='" + child.id() + "']";
        browser.text(childRow + " .wait-hint", "#" + parent.id() + " failed: retry it or cancel this task");
        assertThat(attribute(childRow, "class")).contains("stuck");
        assertThat(requests("/detail-status")).as("the page of tasks says why they wait: no call per task").isZero();
        browser.screenshot("control-waiting-list");

        // The child's details link its parent, with the parent's status.
        show("tasks/" + child.id() + "/details");
        browser.text("#outcome-headline", "Blocked");
        browser.text("#task-parents li[data-task='" + parent.id() + "']", "#" + parent.id() + " failed exit 4");
        browser.find("#task-parents a[href='#/tasks/" + parent.id() + "']").click();
        browser.text(".task-title", "#" + parent.id() + " exit 4");

        show("tasks/" + noWorker.id());
        browser.text("#task-waiting", "no online worker with tags gpu");
        browser.visible("#task-waiting .stuck-badge");
        browser.find("[data-tab='timeline']").click();
        browser.text("#timeline-waiting", "no online worker with tags gpu can run shell tasks");
        assertThat(attribute("#timeline-waiting", "class")).contains("stuck");
        browser.screenshot("control-waiting-timeline");

        // Once a worker with the tag appears, the reason changes by itself and the task no longer stands out.
        Spoke.Capabilities gpuBox = new Spoke.Capabilities(List.of(Backend.CLAUDE), List.of("gpu"), "Linux", 8, 1,
                List.of());
        hub.hub().work().register(new WorkerHello("claude-gpu", gpuBox, "test"), false, null);
        browser.text("#timeline-waiting", "no online worker with tags gpu can run shell tasks");
        hub.api().cancelTask(noWorker.id());
        browser.text(".task-status .pill", "cancelled");
        browser.waitFor("the waiting line to go", d -> d.findElements(By.cssSelector("#timeline-waiting")).isEmpty());
        hub.hub().work().deregister("claude-gpu");
    }

    @Test
    void everyStatusHasItsOwnColour() {
        show("tasks");
        @SuppressWarnings("unchecked")
        Map<String, String> colours = (Map<String, String>) browser.js("""
                const out = {};
                for (const s of ['draft', 'pending', 'blocked', 'running', 'completed', 'failed', 'cancelled', 'timed_out', 'stale']) {
                  const el = document.createElement('span');
                  el.className = 'pill status-' + s;
                  document.body.append(el);
                  out[s] = getComputedStyle(el).color;
                  el.remove();
                }
                return out;""");
        assertThat(new HashSet<>(colours.values())).as("one colour per status: " + colours).hasSize(9);
    }

    @Test
    void aScheduleIsCreatedWithAPreviewOfItsRunsThenPausedAndResumed() {
        DashboardFixture.project(hub, "sched");
        show("schedules");
        browser.visible("#schedules");
        browser.visible("#new-task").click();
        browser.visible("#submit-dialog[open]");
        browser.find("#submit-description").sendKeys("echo weekday report");
        browser.js("document.getElementById('submit-project').value = 'sched'");
        browser.js("document.getElementById('submit-backend').value = 'shell'");
        assertThat(browser.find("#submit-schedule").isEnabled()).isFalse();
        browser.js("const r = document.getElementById('submit-repeat'); r.value = 'cron'; r.dispatchEvent(new Event('change'))");
        WebElement expression = browser.find("#submit-schedule");
        assertThat(expression.isEnabled()).isTrue();
        expression.sendKeys("61 * * * *");
        browser.text("#preview-error", "cron '61 * * * *' is not a valid Unix cron expression");
        expression.clear();
        expression.sendKeys("0 9 * * 1-5");
        browser.waitFor("three firings", d -> d.findElements(By.cssSelector("#preview-times li")).size() == 3);
        assertThat(browser.find("#submit-send").getText()).isEqualTo("Create schedule");
        browser.find("#submit-timeout").sendKeys("15");
        browser.find("#submit-model").sendKeys("sonnet");
        browser.find("#submit-worktree").click();
        browser.screenshot("control-schedule-dialog");
        browser.find("#submit-send").click();

        browser.waitFor(d -> d.getCurrentUrl().matches(".*#/schedules/\\d+$"));
        long id = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*#/schedules/", ""));
        Schedule created = hub.api().schedule(id);
        assertThat(created.cron()).isEqualTo("0 9 * * 1-5");
        assertThat(created.task().timeout()).isEqualTo(15 * 60);
        assertThat(created.task().worktree()).isTrue();
        assertThat(created.task().agent().model()).isEqualTo("sonnet");
        browser.text("[data-schedule='" + id + "'] .schedule-state", "active");
        browser.text("[data-schedule='" + id + "'] .next-run", "in ");
        browser.text("#schedule-runs, .empty", "No run yet");

        browser.visible("[data-action='pause']").click();
        browser.text("#confirm-dialog[open] #confirm-message", "will queue no runs until it is resumed");
        browser.find("#confirm-yes").click();
        browser.text("[data-schedule='" + id + "'] .schedule-state", "paused");
        assertThat(hub.api().schedule(id).state()).isEqualTo(Schedule.State.PAUSED);

        show("schedules");
        String row = "#schedule-rows tr[data-schedule='" + id + "']";
        browser.text(row + " .next-run", "paused");
        browser.text(row + " .run-count", "0 runs");
        browser.screenshot("control-schedules");
        browser.find(row + " [data-action='resume']").click();
        browser.visible("#confirm-dialog[open] #confirm-yes").click();
        browser.text(row + " .schedule-state", "active");
        assertThat(hub.api().schedule(id).state()).isEqualTo(Schedule.State.ACTIVE);
        hub.api().cancelSchedule(id);
    }

    @Test
    void theNetworkIsAGraphWithTheHubInTheMiddleAndStaleGpuBarsForAWorkerThatStopped() {
        Spoke.Capabilities gpuBox = new Spoke.Capabilities(List.of(Backend.CLAUDE, Backend.SHELL), List.of("gpu"),
                "Linux", 32, 2, List.of(new Spoke.Gpu(0, "NVIDIA H100", 81_559, 40_000, 37),
                new Spoke.Gpu(1, "NVIDIA H100", 81_559, 2_000, 3)));
        hub.hub().work().register(new WorkerHello("graph-box", gpuBox, "test"), false, null);
        DashboardFixture.project(hub, "graph");
        Path release = home.resolve("gate-graph");
        Task busy = hub.shell("graph", "echo busy; " + DashboardFixture.waitFor(release));
        hub.awaitStatus(busy.id(), TaskStatus.RUNNING, END);
        show("network");
        browser.text("#network-graph .edge-load[data-worker='local']", "1 running");
        assertThat(attribute("#network-graph line.edge[data-worker='local']", "class")).contains("busy");
        browser.visible("#network-graph svg .graph-hub");
        String node = "#network-graph .graph-worker[data-worker='graph-box']";
        browser.visible(node);
        browser.visible("#network-graph .graph-worker[data-worker='local']");
        assertThat(browser.all(node + " .gpu-bar")).hasSize(2);
        assertThat(browser.all(node + " .gpu-bar.stale")).isEmpty();
        assertThat(attribute("#network-graph line.edge[data-worker='graph-box']", "class")).contains("edge-online");
        double used = Double.parseDouble(attribute(node + " .gpu-bar[data-gpu='0'] .gpu-used", "width"));
        double track = Double.parseDouble(attribute(node + " .gpu-bar[data-gpu='0'] .gpu-track", "width"));
        assertThat(used / track).isCloseTo(40_000 / 81_559.0, org.assertj.core.data.Offset.offset(0.01));
        browser.screenshot("control-network-graph");
        DashboardFixture.open(release);
        hub.awaitEnd(busy.id(), END);
        browser.waitFor("the edge to be idle", d -> d.findElements(By.cssSelector("#network-graph .edge-load")).isEmpty());

        hub.hub().work().deregister("graph-box");
        browser.waitFor("the edge to show the worker stopped",
                d -> attribute("#network-graph line.edge[data-worker='graph-box']", "class").contains("edge-stopped"));
        assertThat(browser.all(node + " .gpu-bar.stale")).hasSize(2);
        browser.text("[data-worker='graph-box'] .gpu-stale", "Last known figures");
    }

    @Test
    void theHeatmapUsesQuantileBucketsMarksFailuresListsADaysTasksAndHonoursTheProjectFilter() {
        // The scale itself: one very busy day must not flatten the others.
        @SuppressWarnings("unchecked")
        List<Long> levels = (List<Long>) browser.jsAsync("""
                const done = arguments[arguments.length - 1];
                import('/dashboard/assets/views/activity.js').then(m => {
                  const counts = [0, 1, 1, 2, 2, 3, 4, 5, 6, 200];
                  const cuts = m.quantiles(counts);
                  done(counts.map(c => m.level(c, cuts)));
                });""");
        assertThat(levels).containsExactly(0L, 1L, 1L, 1L, 1L, 2L, 3L, 3L, 4L, 4L);

        DashboardFixture.project(hub, "heat");
        DashboardFixture.project(hub, "cold");
        Task ok = hub.shell("heat", "echo fine");
        Task bad = hub.shell("heat", "exit 2");
        Task other = hub.shell("cold", "echo elsewhere");
        for (Task t : List.of(ok, bad, other)) {
            hub.awaitEnd(t.id(), END);
        }
        show("activity");
        String today = LocalDate.now(ZoneId.systemDefault()).toString();
        String todayCell = "rect.cell[data-day='" + today + "']";
        browser.visible(todayCell);
        assertThat(attribute(todayCell, "class")).contains("has-failed").contains("today").doesNotContain("lvl-0");
        assertThat(browser.all("circle.failed-mark[data-day='" + today + "']")).hasSize(1);
        assertThat(browser.all("#heatmap-legend .legend-cell[data-level]")).hasSize(5);
        browser.text("#heatmap-legend", "had failures");
        assertThat(browser.find("#heatmap svg.heatmap").getText() + browser.find("#heatmap").getText()).contains("Mon");
        browser.screenshot("control-heatmap");

        browser.find(todayCell).click();
        browser.text("#day-tasks", "ended");
        browser.visible("#day-tasks tr[data-task='" + bad.id() + "']");
        browser.visible("#day-tasks tr[data-task='" + other.id() + "']");

        browser.js("const s = document.getElementById('activity-project'); s.value = 'heat'; s.dispatchEvent(new Event('change'))");
        browser.visible("#activity-totals [data-project='heat']");
        assertThat(browser.all("#activity-totals [data-project='cold']")).as("the table follows the filter").isEmpty();
        browser.find("rect.cell[data-day='" + today + "']").click();
        browser.visible("#day-tasks tr[data-task='" + bad.id() + "']");
        assertThat(browser.all("#day-tasks tr[data-task='" + other.id() + "']")).isEmpty();

        // On a phone the year scrolls sideways; it opens at its end, with today in view.
        browser.size(390, 844);
        try {
            show("activity");
            browser.visible(todayCell);
            browser.waitFor(d -> ((Number) browser.js("return document.getElementById('heatmap').scrollLeft")).intValue() > 0);
            String where = (String) browser.js("""
                    const r = document.querySelector(arguments[0]).getBoundingClientRect();
                    const box = document.getElementById('heatmap').getBoundingClientRect();
                    return r.left >= box.left && r.right <= box.right ? 'in view'
                        : 'cell ' + r.left + '..' + r.right + ' box ' + box.left + '..' + box.right;""",
                    todayCell);
            assertThat(where).as("where today's cell is").isEqualTo("in view");
            browser.screenshot("control-phone-activity");
        } finally {
            browser.size(1280, 900);
        }
    }

    @Test
    void projectsShowTheFullPolicyAndACostChart() throws Exception {
        Path dir = Files.createDirectories(home.resolve("projects").resolve("costly"));
        hub.api().registerProject(new NewProject("costly", dir.toString(), "The billing service.",
                new ProjectPolicy(Backend.CLAUDE, 1800, 2, null, null, 3, 30, "https://hooks.example.test/dobby")));
        Task agent = hub.api().createTask(NewTask.of("echo 'STEP tool_call|120|20000|5000|Read|pom.xml'; echo done",
                "costly").withBackend(Backend.CLAUDE));
        assertThat(hub.awaitEnd(agent.id(), END).status()).isEqualTo(TaskStatus.COMPLETED);

        show("projects");
        String card = "#projects [data-project='costly']";
        browser.text(card + " [data-policy='max_attempts'] dd", "3");
        browser.text(card + " [data-policy='retry_backoff'] dd", "30s, doubling");
        browser.text(card + " [data-policy='webhook_url'] dd", "https://hooks.example.test/dobby");
        browser.text(card + " [data-policy='max_concurrent'] dd", "2");
        browser.text(card + " [data-policy='daily_budget_usd'] dd", "none");
        browser.visible("#cost-chart svg.costs rect[data-project='costly']");
        browser.text("#cost-total", "$0.05");
        browser.find("#cost-measure [data-measure='tokens']").click();
        browser.text("#cost-total", "25k tokens");
        browser.screenshot("control-projects");

        // The task's own details lead with the same figures.
        show("tasks/" + agent.id() + "/details");
        browser.text("#outcome-headline", "Completed in");
        browser.text("#task-facts", "$0.05");
        browser.text("#task-facts", "20,000 in · 5,000 out");
    }

    @Test
    void aDaysListHasTheTasksThatEndedThatDayHoweverLongBeforeTheyWereQueued(@TempDir Path own) {
        SteppedClock clock = SteppedClock.running(Instant.now().minus(Duration.ofDays(5)));
        try (TestHub slow = TestHub.start(own, c -> c.withMaxConcurrentAgents(0), b -> b.clock(clock))) {
            DashboardFixture.project(slow, "slow");
            Task queuedLongAgo = slow.api().createTask(NewTask.of("echo queued five days ago", "slow")
                    .withBackend(Backend.SHELL));
            clock.set(Instant.now());
            slow.api().cancelTask(queuedLongAgo.id());
            Task queuedToday = slow.api().createTask(NewTask.of("echo queued today", "slow").withBackend(Backend.SHELL));
            slow.api().cancelTask(queuedToday.id());

            browser.open(slow.url() + "/dashboard#/activity");
            browser.visible("#live-state.live");
            String today = LocalDate.now(ZoneId.systemDefault()).toString();
            browser.find("rect.cell[data-day='" + today + "']").click();
            browser.text("#day-tasks", "2 tasks ended");
            browser.visible("#day-tasks tr[data-task='" + queuedLongAgo.id() + "']");
            browser.visible("#day-tasks tr[data-task='" + queuedToday.id() + "']");
            show("tasks");  // off this hub before it stops, so its page has nothing to complain about
        }
    }

    @Test
    void aBatchPageShowsNoNullAndAnUnknownTaskSaysSo() {
        DashboardFixture.project(hub, "tidy");
        BatchStatus batch = hub.api().createBatch(new NewBatch("tidy up", List.of(
                NewBatch.Entry.of("a", "echo a", "tidy"))));
        NewBatch.Entry second = new NewBatch.Entry("b", "echo b", "tidy", null, null, null, List.of("a"), null, null, null);
        BatchStatus another = hub.api().createBatch(new NewBatch("tidy more", List.of(
                NewBatch.Entry.of("a", "echo a", "tidy"), second)));
        browser.js("performance.clearResourceTimings()");
        show("batches");
        browser.text("#batches [data-batch='" + batch.id() + "']", "tidy up");
        browser.text("#batches [data-batch='" + another.id() + "']", "tidy more");
        assertThat(requests("/batches/")).as("the list comes in one call, not one per batch").isZero();

        show("batches/" + batch.id());
        browser.text("#batches [data-batch='" + batch.id() + "']", "tidy up");
        assertThat(browser.find("#main").getText()).doesNotContain("null");

        show("tasks/987654");
        browser.text("#task-missing h1", "No task #987654");
        assertThat(browser.all("#panel-logs")).as("no empty task skeleton").isEmpty();
        browser.screenshot("control-unknown-task");
    }

    @Test
    void theNewViewsFitAPhonesWidth() {
        DashboardFixture.project(hub, "pocket");
        Schedule schedule = hub.api().createSchedule(NewTask.of("echo a schedule with a rather long description that "
                + "must not push the page sideways", "pocket").withBackend(Backend.SHELL).withCron("*/30 * * * *"));
        browser.size(390, 844);
        try {
            for (String route : List.of("schedules", "schedules/" + schedule.id(), "projects", "network")) {
                show(route);
                browser.waitFor(d -> !d.findElement(By.id("main")).getText().contains("Loading"));
                Long overflow = (Long) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
                assertThat(overflow).as("sideways overflow of " + route).isLessThanOrEqualTo(0L);
                browser.screenshot("control-phone-" + route.replaceAll("[^a-z0-9]+", "-").replaceAll("-$", ""));
            }
        } finally {
            browser.size(1280, 900);
            hub.api().cancelSchedule(schedule.id());
        }
    }

    @Test
    void everyViewInBothThemes() {
        DashboardFixture.project(hub, "shots");
        Task done = hub.shell("shots", "printf '\\033[33;44mYellow on blue\\033[0m and \\033[1;31mred\\033[0m\\n'");
        hub.awaitEnd(done.id(), END);
        hub.api().createSchedule(NewTask.of("echo hourly sync", "shots").withBackend(Backend.SHELL).withEvery("1h"));
        BatchStatus release = hub.api().createBatch(new NewBatch("release 1.4", List.of(
                NewBatch.Entry.of("build", "echo build", "shots"),
                NewBatch.Entry.of("test", "echo test", "shots", "build"),
                NewBatch.Entry.of("notes", "echo notes", "shots", "build"))));
        // A fleet worth drawing: two spokes with GPUs, one of them gone.
        for (String id : List.of("trainer-1", "trainer-2")) {
            hub.hub().work().register(new WorkerHello(id, new Spoke.Capabilities(List.of(Backend.CLAUDE, Backend.CODEX),
                    List.of("cuda"), "Linux", 64, 4, List.of(new Spoke.Gpu(0, "NVIDIA H200", 143_771, 90_000, 80),
                    new Spoke.Gpu(1, "NVIDIA H200", 143_771, 12_000, 5))), "test"), false, null);
        }
        hub.hub().work().deregister("trainer-2");
        // A task in every status, so that the palette shows.
        Task failed = hub.shell("shots", "echo 'compiling'; exit 3");
        hub.awaitEnd(failed.id(), END);
        hub.api().createTask(NewTask.of("echo after the failed build", "shots").withBackend(Backend.SHELL)
                .withDependsOn(List.of(failed.id())));
        hub.awaitEnd(hub.api().createTask(NewTask.of("sleep 30", "shots").withBackend(Backend.SHELL).withTimeout(1)).id(),
                END);
        hub.api().cancelTask(hub.api().createTask(NewTask.of("echo never mind", "shots").withBackend(Backend.SHELL)
                .withDraft(true)).id());
        hub.api().createTask(NewTask.of("echo review me first", "shots").withBackend(Backend.SHELL).withDraft(true));
        hub.api().createTask(NewTask.of("python train.py", "shots").withBackend(Backend.SHELL)
                .withTarget(null, List.of("a100")));
        Path gate = home.resolve("gate-shots");
        Task running = hub.shell("shots", "echo 'step 1/3'; " + DashboardFixture.waitFor(gate));
        hub.awaitStatus(running.id(), TaskStatus.RUNNING, END);
        List<String> routes = List.of("network", "jobs", "tasks", "tasks/" + done.id() + "/logs",
                "tasks/" + done.id() + "/details", "tasks/" + done.id() + "/timeline", "batches",
                "batches/" + release.id(), "schedules",
                "projects", "activity", "usage", "sessions", "gpus");
        // A batch's page says which task waits for which.
        show("batches/" + release.id());
        long build = release.tasks().get(0).id();
        browser.text("#batches tr[data-task='" + release.tasks().get(1).id() + "'] .after", "after #" + build);
        for (String theme : List.of("dark", "light")) {
            browser.open(dashboard);
            browser.js("localStorage.setItem('dobby.theme', arguments[0])", theme);
            for (String route : routes) {
                show(route);
                browser.waitFor(d -> !d.findElement(By.id("main")).getText().contains("Loading"));
                assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo(theme);
                assertThat(junk(browser.find("#main").getText())).as("junk text on " + route).isEmpty();
                browser.screenshot("view-" + route.replaceAll("[0-9]+", "n").replaceAll("[^a-z]+", "-").replaceAll("-$", "") + "-" + theme);
            }
        }
        browser.js("localStorage.removeItem('dobby.theme')");
        DashboardFixture.open(gate);
        hub.awaitEnd(running.id(), END);
    }

    /** Words a page shows only when a script put a missing or unformatted value on screen. */
    private static List<String> junk(String text) {
        return java.util.regex.Pattern.compile("\\b(null|undefined|NaN|Infinity)\\b|\\[object Object\\]")
                .matcher(text).results().map(java.util.regex.MatchResult::group).toList();
    }
}
