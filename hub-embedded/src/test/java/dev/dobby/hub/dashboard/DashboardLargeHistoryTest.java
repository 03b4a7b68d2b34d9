package dev.dobby.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.TaskQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The task list over a history of 10,000 tasks: it pages, searches and filters without loading the whole history. */
class DashboardLargeHistoryTest {
    private static final int BATCHES = 10;
    private static final int PER_BATCH = 1_000;

    @TempDir
    static Path home;

    private static TestHub hub;
    private static Browser browser;

    @BeforeAll
    static void start() {
        // No local worker: the tasks stay queued, so the history is exactly what the test made.
        hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0));
        DashboardFixture.project(hub, "big");
        DashboardFixture.project(hub, "other");
        for (int b = 0; b < BATCHES; b++) {
            List<NewBatch.Entry> entries = new ArrayList<>();
            for (int i = 0; i < PER_BATCH; i++) {
                int n = b * PER_BATCH + i;
                entries.add(NewBatch.Entry.of(null, "task number " + n + (n % 1000 == 777 ? " needle" : ""),
                        n % 10 == 0 ? "other" : "big"));
            }
            hub.api().createBatch(new NewBatch("history " + b, entries));
        }
        assertThat(hub.api().listTasks(TaskQuery.all()).total()).isEqualTo(BATCHES * PER_BATCH);
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

    @AfterEach
    void pageStayedClean() {
        DashboardFixture.assertCleanConsole(browser);
    }

    private static int rows() {
        return browser.all("#task-rows tr[data-task]").size();
    }

    @Test
    void tenThousandTasksArePagedFiftyAtATime() {
        browser.open(hub.url() + "/dashboard#/tasks");
        browser.text("#task-count", "1–50 of 10,000");
        assertThat(rows()).isEqualTo(50);
        assertThat(browser.find("#task-rows tr").getText()).contains("task number 9999");

        browser.find("#page-next").click();
        browser.text("#task-count", "51–100 of 10,000");
        assertThat(browser.find("#task-rows tr").getText()).contains("task number 9949");

        browser.find("#page-last").click();
        browser.text("#task-count", "9,951–10,000 of 10,000");
        assertThat(browser.all("#task-rows tr").getLast().getText()).contains("task number 0");
        assertThat(browser.find("#page-next").isEnabled()).isFalse();
        browser.screenshot("tasks-10000-last-page");
    }

    @Test
    void searchAndFiltersNarrowTheWholeHistory() {
        browser.open(hub.url() + "/dashboard#/tasks?q=needle");
        browser.text("#task-count", "1–10 of 10");
        assertThat(rows()).isEqualTo(10);

        browser.open(hub.url() + "/dashboard#/tasks?project=other&status=pending");
        browser.text("#task-count", "1–50 of 1,000");
        browser.waitFor("only the other project's tasks", d -> d.findElements(By.cssSelector("#task-rows td.col-3")).stream()
                .allMatch(td -> td.getText().equals("other")));

        browser.open(hub.url() + "/dashboard#/tasks?status=completed");
        browser.text("#task-rows", "No task matches these filters.");
    }

    @Test
    void theBatchListShowsTheNewestBatches() {
        BatchStatus newest = hub.api().batch(BATCHES);
        browser.open(hub.url() + "/dashboard#/batches");
        browser.text("[data-batch='" + newest.id() + "']", "history " + (BATCHES - 1));
        browser.text("[data-batch='" + newest.id() + "'] .batch-done", "0 of 1,000 finished");
    }
}
