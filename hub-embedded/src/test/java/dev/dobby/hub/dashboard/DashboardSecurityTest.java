package dev.dobby.hub.dashboard;

import static dev.dobby.hub.dashboard.DashboardFixture.open;
import static dev.dobby.hub.dashboard.DashboardFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The dashboard of a hub with an API key, in real Chromium: the sign-in, and untrusted task text and agent output
 * (HTML, script, javascript: links, terminal escapes) shown as text, with nothing executed.
 */
class DashboardSecurityTest {
    private static final String KEY = "s3cret-key_for.the-dashboard";
    private static final Duration END = Duration.ofSeconds(30);
    /** Each payload, if it ever ran, would leave its name in window.__xss. */
    private static final String HTML_PAYLOAD = "<script>window.__xss=\"script\"</script>"
            + "<img src=x onerror=window.__xss=`img`>"
            + "<a href=\"javascript:window.__xss=`link`\">click me</a>"
            + "<svg onload=window.__xss=`svg`></svg>";

    @TempDir
    static Path home;

    private static TestHub hub;
    private static Browser browser;
    private static String dashboard;

    @BeforeAll
    static void start() {
        hub = TestHub.start(home, c -> c.withApiKey(KEY));
        browser = Browser.start();
        dashboard = hub.url() + "/dashboard";
        DashboardFixture.project(hub, "web");
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

    /** Open a view, signing in first if the page asks. */
    private static void show(String route) {
        browser.open(dashboard + "#/" + route);
        browser.waitFor(d -> !d.findElements(By.cssSelector("#login-dialog[open], #live-state.live")).isEmpty());
        if (!browser.all("#login-dialog[open]").isEmpty()) {
            browser.find("#login-key").sendKeys(KEY);
            browser.find("#login-submit").click();
            browser.visible("#live-state.live");
        }
    }

    @Test
    void theDashboardAsksForTheKeyOnceAndKeepsItWhereScriptsCannotReadIt() {
        browser.driver().manage().deleteAllCookies();
        browser.open(dashboard + "#/network");
        browser.visible("#login-dialog[open]");
        assertThat(browser.all("[data-worker]")).isEmpty();
        browser.screenshot("login");

        browser.find("#login-key").sendKeys("not-the-key");
        browser.find("#login-submit").click();
        browser.text("#login-error", "not this hub's API key");
        assertThat(browser.driver().manage().getCookieNamed("dobby_key")).isNull();

        browser.find("#login-key").clear();
        browser.find("#login-key").sendKeys(KEY);
        browser.find("#login-submit").click();
        browser.visible("#live-state.live");
        browser.text("[data-worker='local'] .state-pill", "online");

        var cookie = browser.driver().manage().getCookieNamed("dobby_key");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat((String) browser.js("return document.cookie")).doesNotContain("dobby_key").doesNotContain(KEY);

        // Once in, a fresh load goes straight to the data, and live events arrive over the cookie.
        browser.driver().navigate().refresh();
        browser.visible("#live-state.live");
        assertThat(browser.all("#login-dialog[open]")).isEmpty();
        Task task = hub.shell("web", "echo over the cookie");
        browser.open(dashboard + "#/tasks");
        browser.text("#task-rows tr[data-task='" + task.id() + "']", "over the cookie");
        hub.awaitEnd(task.id(), END);

        browser.find("#sign-out").click();
        browser.visible("#login-dialog[open]");
        assertThat(browser.driver().manage().getCookieNamed("dobby_key")).isNull();
    }

    @Test
    void htmlInATaskDescriptionIsShownAsTextEverywhereAndRunsNothing() {
        Task draft = hub.api().createTask(NewTask.of(HTML_PAYLOAD, "web").withBackend(Backend.SHELL).withDraft(true));
        Path release = home.resolve("xss-gate");
        Task running = hub.shell("web", "echo '" + HTML_PAYLOAD + "'; " + waitFor(release));
        hub.awaitStatus(running.id(), TaskStatus.RUNNING, END);
        try {
            show("tasks");
            browser.text("#task-rows tr[data-task='" + draft.id() + "'] .description", "<script>window.__xss=\"script\"</script>");
            browser.screenshot("xss-task-list");

            show("tasks/" + draft.id() + "/details");
            browser.text(".task-title", "<img src=x onerror=");
            browser.visible("#all-fields > summary").click();
            browser.text("#task-fields [data-field='description'] dd", HTML_PAYLOAD);

            show("jobs");
            browser.text("#jobs [data-task='" + running.id() + "'] .task-text", "<img src=x onerror=");
            browser.text("#jobs [data-task='" + running.id() + "'] .last-line", "<a href=\"javascript:");

            show("network");
            browser.text("[data-worker='local'] .running-list", "<script>");

            show("tasks/" + running.id());
            browser.text("#log", HTML_PAYLOAD);
            assertNothingRan();
            browser.screenshot("xss-logs");
        } finally {
            open(release);
        }
        hub.awaitEnd(running.id(), END);
    }

    @Test
    void agentOutputKeepsItsColoursAndLosesEveryOtherEscape() {
        String script = String.join("; ",
                // OSC 8 hyperlink to a javascript: URL around visible text
                "printf '\\033]8;;javascript:window.__xss=\"osc8\"\\033\\\\link-text\\033]8;;\\033\\\\\\n'",
                // OSC 52 clipboard write, terminated by BEL
                "printf '\\033]52;c;ZXZpbC1jbGlwYm9hcmQ=\\007after-clipboard\\n'",
                // a window title, cursor movement, screen clearing, hiding the cursor, then a colour
                "printf '\\033]0;evil-title\\007abc\\033[2J\\033[1;1Hdef\\033[5A\\033[?25l\\033[31mred\\033[0m\\n'",
                // 256-colour and true-colour foregrounds
                "printf '\\033[38;5;208morange\\033[0m \\033[38;2;10;20;30mrgb\\033[0m\\n'",
                "echo '" + HTML_PAYLOAD + "'");
        Task task = hub.shell("web", script);
        hub.awaitEnd(task.id(), END);

        show("tasks/" + task.id());
        browser.text("#log", "after-clipboard");
        String log = browser.find("#log").getText();
        assertThat(log).contains("link-text", "abcdefred", "orange rgb", HTML_PAYLOAD);
        assertThat(log).doesNotContain("osc8", "javascript:window.__xss=\"", "ZXZpbC1jbGlwYm9hcmQ", "evil-title", "[2J", "[?25l",
                "\u001b");
        assertThat(browser.find("#log .ansi-fg-1").getText()).isEqualTo("red");
        assertThat(browser.js("return [...document.querySelectorAll('#log span')].find(s => s.textContent === 'orange').style.color"))
                .isEqualTo("rgb(255, 135, 0)");
        assertThat(browser.js("return [...document.querySelectorAll('#log span')].find(s => s.textContent === 'rgb').style.color"))
                .isEqualTo("rgb(10, 20, 30)");
        assertThat(browser.js("return document.title")).isEqualTo("Dobby");
        assertNothingRan();
        browser.screenshot("escapes");

        // The result summary is agent output too.
        browser.find("[data-tab='details']").click();
        browser.text("#result-summary", "after-clipboard");
        assertThat(browser.find("#result-summary").getText()).doesNotContain("ZXZpbC1jbGlwYm9hcmQ", "osc8", "\u001b");
        assertNothingRan();
    }

    @Test
    void theAnsiReaderDropsEveryControlSequenceButColour() {
        show("network");
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) browser.jsAsync("""
                const done = arguments[arguments.length - 1];
                import('/dashboard/assets/ansi.js').then(m => done({
                  csi: m.plain('a\\x1b[1Kb\\x1b[3;4Hc\\x1b[?1049hd'),
                  eightBit: m.plain('a\\x9b31mb\\x9d8;;http://x\\x9cc'),
                  dcs: m.plain('a\\x1bPq#0;2;0;0;0\\x1b\\\\b\\x1b_apc\\x1b\\\\c'),
                  unterminated: m.plain('kept\\x1b]52;c;aGVsbG8='),
                  controls: m.plain('a\\x07b\\x08c\\rd\\x7fe\\tf'),
                  charset: m.plain('\\x1b(Bx\\x1b7y\\x1b8z'),
                  reset: JSON.stringify(m.parse('\\x1b[1;31mA\\x1b[mB').map(r => [r.text, r.style])),
                }), e => done({error: String(e)}));
                """);
        assertThat(plain).containsEntry("csi", "abcd")
                .containsEntry("eightBit", "abc")
                .containsEntry("dcs", "abc")
                .containsEntry("unterminated", "kept")
                .containsEntry("controls", "abcde\tf")
                .containsEntry("charset", "xyz")
                .containsEntry("reset", "[[\"A\",{\"bold\":true,\"fg\":1}],[\"B\",{}]]");
    }

    @Test
    void thePolicyForbidsInlineScriptInThePage() {
        show("network");
        Object ran = browser.js("const s = document.createElement('script'); s.textContent = 'window.__inline = 1';"
                + " document.body.append(s); return window.__inline === undefined ? 'blocked' : 'ran'");
        assertThat(ran).isEqualTo("blocked");
        List<String> console = browser.console();
        assertThat(console).anyMatch(m -> m.contains("Content Security Policy"));
    }

    @Test
    void usageSaysUnknownWhileNoAgentHasReported() {
        show("usage");
        browser.text("#usage-unknown", "Unknown");
        assertThat(browser.all("#usage .bar")).isEmpty();
        browser.screenshot("usage-unknown");
    }

    private static void assertNothingRan() {
        assertThat(browser.js("return window.__xss === undefined ? null : window.__xss")).isNull();
        assertThat(browser.all("#main img, #main script, #main svg[onload], #main iframe")).isEmpty();
        assertThat(browser.all("a[href^='javascript']")).isEmpty();
        assertThat(browser.all("#main [onerror], #main [onload], #main [onclick]")).isEmpty();
    }
}
