package dev.dobby.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.PauseRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kill switch in the dashboard: a banner while paused, Unpause in it, Pause in the sidebar. */
class DashboardPauseTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path home;
    private static TestHub hub;
    private static Browser browser;

    @BeforeAll
    static void start() {
        hub = TestHub.start(home);
        browser = Browser.start();
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

    private static boolean bannerShown() {
        return Boolean.FALSE.equals(browser.js("return document.getElementById('pause-banner').hidden"));
    }

    @Test
    void aPauseShowsABannerThatUnpausesAndTheSidebarPausesAgain() {
        browser.open(hub.url() + "/dashboard#/network");
        browser.visible("#live-state.live");
        assertThat(bannerShown()).isFalse();

        hub.client().pause(new PauseRequest(null, null, "alice"));
        browser.text("#pause-banner", "Dispatch is paused (since ");
        browser.text("#pause-banner", "by alice): no new task starts.");
        browser.screenshot("paused-banner");

        browser.find("#unpause").click();
        Await.until(() -> !hub.api().pauseState().paused(), WAIT, "the hub to be unpaused");
        Await.until(() -> !bannerShown(), WAIT, "the banner to go");

        browser.visible("#pause-toggle").click();
        browser.visible("#confirm-dialog[open] #confirm-yes").click();
        Await.until(() -> hub.api().pauseState().paused(), WAIT, "the hub to be paused");
        browser.text("#pause-banner", "by the dashboard");
        assertThat(hub.api().pauseState().by()).isEqualTo("the dashboard");

        hub.client().unpause(null);
        Await.until(() -> !bannerShown(), WAIT, "the banner to go");
        DashboardFixture.assertCleanConsole(browser);
    }
}
