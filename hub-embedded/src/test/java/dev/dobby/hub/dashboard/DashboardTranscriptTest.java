package dev.dobby.hub.dashboard;

import static dev.dobby.hub.dashboard.DashboardFixture.open;
import static dev.dobby.hub.dashboard.DashboardFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.ShellBackend;
import dev.dobby.hub.testing.ScriptedAgentBackend;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A Claude Code task's Output tab in real Chromium: the captured stream-json reads as a transcript by default, live
 * while it runs, with the raw lines one toggle away; Live jobs shows the latest readable step, not JSON.
 */
class DashboardTranscriptTest {
    private static final Duration END = Duration.ofSeconds(30);

    @TempDir
    static Path home;

    private static TestHub hub;
    private static Browser browser;
    private static String dashboard;

    @BeforeAll
    static void start() {
        // The scripted backend answers for claude and runs the description as a script that prints the fixture.
        hub = TestHub.start(home, c -> c, b -> b.backends(List.of(new ShellBackend(), new ScriptedAgentBackend())));
        DashboardFixture.project(hub, "app");
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

    private static Path fixture(String name) {
        try {
            return Path.of(DashboardTranscriptTest.class.getResource("/agents/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Task claude(String script) {
        return hub.api().createTask(NewTask.of(script, "app").withBackend(Backend.CLAUDE));
    }

    private static void theme(String wanted) {
        if (!wanted.equals(browser.js("return document.documentElement.dataset.theme"))) {
            browser.find("#theme-toggle").click();
        }
        assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo(wanted);
    }

    @Test
    void aClaudeTaskReadsAsATranscriptWithTheRawLinesOneToggleAway() {
        Task task = claude("cat '" + fixture("claude-stream-sample-oauth-ratelimit-2.1.197.jsonl") + "'");
        hub.awaitEnd(task.id(), END);

        browser.open(dashboard + "#/tasks/" + task.id() + "/logs");
        browser.visible("#transcript");
        browser.text("#transcript .tr-session", "Session started · claude-sonnet-5");
        browser.text("#transcript .tr-message", "Running a command.");
        browser.text("#transcript .tr-tool .tr-title", "Bash: echo hello-from-bash");
        browser.text("#transcript .tr-tool .tr-preview", "hello-from-bash");
        browser.text("#transcript .tr-tool .tr-meta", "1 line · 15 B");
        browser.text("#transcript .tr-limit", "91% of the 5-hour window used, resets");
        browser.text("#transcript .tr-result", "Completed");
        browser.text("#transcript .tr-result .tr-meta", "$0.0015 · 240 in · 50 out tokens · 0.3 s · 2 turns");
        browser.text("#transcript .tr-result .tr-text", "The command printed hello-from-bash.");
        assertThat(browser.find("#transcript").getText()).doesNotContain("\"type\"");
        // a folded tool call is built when first opened: its input shows
        assertThat(browser.all("#transcript .tr-tool .tr-body")).isEmpty();
        browser.find("#transcript .tr-tool summary").click();
        browser.text("#transcript .tr-tool .tr-body", "echo hello-from-bash");
        browser.find("#transcript .tr-tool summary").click();
        assertThat(browser.find("#log").isDisplayed()).isFalse();
        assertThat(browser.find("#output-readable").getAttribute("class")).contains("active");
        WebElement download = browser.visible("#download-log");
        assertThat(download.getAttribute("href")).endsWith("/tasks/" + task.id() + "/artifacts/output.log");
        theme("dark");
        browser.screenshot("transcript-dark");
        theme("light");
        browser.screenshot("transcript-light");

        browser.find("#output-raw").click();
        browser.visible("#log");
        browser.text("#log", "{\"type\":\"system\",\"subtype\":\"init\"");
        assertThat(browser.find("#transcript").isDisplayed()).isFalse();
        browser.screenshot("transcript-raw-light");
        browser.find("#output-readable").click();
        browser.visible("#transcript .tr-result");
        theme("dark");
    }

    @Test
    void aRunningClaudeTaskGrowsItsTranscriptLiveAndLiveJobsShowsItsLatestStep() throws Exception {
        List<String> lines = Files.readAllLines(fixture("claude-stream-sample-2.1.330.jsonl"));
        Path first = home.resolve("first.jsonl");
        Path rest = home.resolve("rest.jsonl");
        Files.write(first, lines.subList(0, 3));
        Files.write(rest, lines.subList(3, lines.size()));
        Path gate = home.resolve("gate-live");
        Task task = claude("cat '" + first + "'; " + waitFor(gate) + "; cat '" + rest + "'");
        try {
            hub.awaitStatus(task.id(), TaskStatus.RUNNING, END);
            browser.open(dashboard + "#/jobs");
            browser.text("#jobs [data-task='" + task.id() + "'] .last-line", "Write hello.txt");
            assertThat(browser.find("#jobs [data-task='" + task.id() + "'] .last-line").getText())
                    .doesNotContain("{");
            browser.screenshot("transcript-live-jobs");

            browser.open(dashboard + "#/tasks/" + task.id() + "/logs");
            browser.text("#transcript .tr-tool .tr-title", "Write hello.txt");
            browser.text("#transcript .tr-tool .tr-meta", "running…");
            open(gate);
            browser.text("#transcript .tr-tool .tr-preview", "File created successfully");
            browser.text("#transcript .tr-result", "Completed");
            assertThat(browser.all("#transcript .tr-tool")).hasSize(1);
            assertThat(browser.all("#transcript .tr-entry")).hasSize(5);
        } finally {
            open(gate);
            hub.awaitEnd(task.id(), END);
        }
    }

    @Test
    void aLongSessionShowsItsEndAtOnceAndFillsInEveryEarlierEntryInOrder() throws Exception {
        List<String> sample = Files.readAllLines(fixture("claude-stream-sample-2.1.330.jsonl"));
        List<String> lines = new java.util.ArrayList<>();
        lines.add(sample.getFirst());
        int steps = 700;
        for (int i = 1; i <= steps; i++) {
            lines.add("{\"type\":\"assistant\",\"message\":{\"id\":\"m" + i + "\",\"content\":[{\"type\":\"text\","
                    + "\"text\":\"Step " + i + " of the plan.\"}]}}");
        }
        lines.add(sample.getLast());
        Path session = home.resolve("long.jsonl");
        Files.write(session, lines);
        Task task = claude("cat '" + session + "'");
        hub.awaitEnd(task.id(), END);

        browser.open(dashboard + "#/tasks/" + task.id() + "/logs");
        browser.text("#transcript .tr-result", "Completed");
        int entries = steps + 2;
        browser.waitFor(entries + " entries drawn",
                d -> d.findElements(By.cssSelector("#transcript > .tr-entry")).size() == entries);
        @SuppressWarnings("unchecked")
        List<Object> order = (List<Object>) browser.js("return [...document.querySelectorAll('#transcript > .tr-entry')]"
                + ".map(n => Number(n.dataset.index))");
        assertThat(order).hasSize(entries);
        for (int i = 0; i < entries; i++) {
            assertThat(((Number) order.get(i)).intValue()).as("entry at position %d", i).isEqualTo(i);
        }
        assertThat(browser.all("#transcript .tr-message").get(steps - 1).getText()).isEqualTo("Step 700 of the plan.");
        // the end stays in view while the earlier entries fill in above it
        assertThat((Boolean) browser.js("const box = document.querySelector('#transcript');"
                + "const r = box.querySelector('.tr-result').getBoundingClientRect(), b = box.getBoundingClientRect();"
                + "return r.bottom <= b.bottom + 1 && r.top >= b.top - 1;")).isTrue();
    }

    @Test
    void aShellTaskKeepsItsRawOutput() {
        Task task = hub.shell("app", "echo plain shell output");
        hub.awaitEnd(task.id(), END);
        browser.open(dashboard + "#/tasks/" + task.id() + "/logs");
        browser.text("#log", "plain shell output");
        assertThat(browser.find("#output-mode").isDisplayed()).isFalse();
        assertThat(browser.find("#transcript").isDisplayed()).isFalse();
        assertThat(browser.all("#log .log-line")).extracting(WebElement::getText).contains("plain shell output");
        assertThat(browser.find("#log").findElements(By.cssSelector(".tr-entry"))).isEmpty();
    }
}
