package dev.dobby.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Task;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page outlives a hub restart: it says it is reconnecting, comes back by itself and catches up. */
class DashboardReconnectTest {
    @TempDir
    Path home;

    @Test
    void thePageReconnectsAfterTheHubRestartsAndShowsWhatHappenedMeanwhile() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int fixedPort = port;
        try (Browser browser = Browser.start()) {
            TestHub first = TestHub.start(home, c -> c.withPort(fixedPort));
            Task before;
            try {
                DashboardFixture.project(first, "restart");
                browser.open(first.url() + "/dashboard#/tasks");
                browser.visible("#live-state.live");
                before = first.shell("restart", "echo before the restart");
                browser.text("#task-rows tr[data-task='" + before.id() + "']", "before the restart");
                browser.js("window.__samePage = 'yes'");
            } finally {
                first.close();
            }
            browser.visible("#live-state.reconnecting");
            browser.screenshot("reconnecting");

            try (TestHub second = TestHub.start(home, c -> c.withPort(fixedPort))) {
                // Created as soon as the hub is back, most likely before the page has reconnected: the stream
                // resumes after the last event the page saw, so the task arrives either way.
                Task after = second.shell("restart", "echo after the restart");
                browser.visible("#live-state.live");
                browser.text("#task-rows tr[data-task='" + after.id() + "']", "after the restart");
                second.awaitEnd(after.id(), Duration.ofSeconds(30));
                browser.text("#task-rows tr[data-task='" + after.id() + "'] .pill", "completed");
                assertThat(browser.js("return window.__samePage")).isEqualTo("yes");
            }
        }
    }
}
