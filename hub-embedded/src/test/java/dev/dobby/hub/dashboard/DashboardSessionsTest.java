package dev.dobby.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.FakeRemoteControl;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.NewSession;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Sessions view: a session's link appears live as Open, and Stop ends the session after a confirmation. */
class DashboardSessionsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @Test
    void aSessionShowsItsOpenLinkLiveAndStopEndsIt() {
        FakeRemoteControl claude = FakeRemoteControl.serving(home.resolve("bin"));
        WorkerSettings worker = new WorkerSettings(System.getenv(), claude.program().toString(), "/nonexistent/codex",
                null, null);
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c, b -> b.worker(worker));
             Browser browser = Browser.start()) {
            hub.project("spare");
            browser.open(hub.url() + "/dashboard#/sessions");
            browser.visible("#live-state.live");
            browser.text("#sessions", "No sessions yet.");

            long id = hub.client().openSession(new NewSession("spare", "from my phone", null, List.of(), null, null,
                    null)).id();
            String card = "[data-session='" + id + "']";
            browser.visible(card + " [data-action=open]");
            assertThat(browser.find(card + " [data-action=open]").getAttribute("href")).isEqualTo(FakeRemoteControl.LINK);
            browser.text(card, "from my phone");
            browser.text(card, "spare on local");
            browser.screenshot("sessions");

            browser.find(card + " [data-action=stop]").click();
            browser.visible("#confirm-dialog[open] #confirm-yes").click();
            assertThat(hub.awaitEnd(id, WAIT).status()).isEqualTo(TaskStatus.CANCELLED);
            Await.until(() -> !claude.serving(), Duration.ofSeconds(10), "the CLI to stop");
            browser.text(card + " .pill", "cancelled");
            assertThat(browser.all(card + " [data-action=stop]")).isEmpty();
            DashboardFixture.assertCleanConsole(browser);
        }
    }
}
