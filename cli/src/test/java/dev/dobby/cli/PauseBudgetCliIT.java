package dev.dobby.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kill switch and budgets from the packaged CLI, as a user types them. */
class PauseBudgetCliIT {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    static Path home;
    static TestHub hub;
    static Cli dobby;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start(home);
        Path project = Files.createDirectories(home.resolve("shop"));
        dobby = new Cli().env("DOBBY_URL", hub.url()).in(project);
        Cli.Result registered = dobby.run("register", ".", "--name", "shop");
        assertThat(registered.code()).as(registered.toString()).isZero();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static long queued(Cli.Result result) {
        Matcher m = Pattern.compile("Queued task #(\\d+)").matcher(result.out());
        assertThat(m.find()).as(result.toString()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void pauseHoldsNewTasksWithAReasonAndUnpauseRunsThem() {
        Cli.Result paused = dobby.run("pause");
        assertThat(paused.code()).as(paused.toString()).isZero();
        assertThat(paused.out()).matches("Dispatch is paused \\(since \\d\\d:\\d\\d by .+\\)\\n");

        long id = queued(dobby.run("add", "echo after the pause", "--project", "shop", "--backend", "shell"));
        String detail = Await.until(() -> dobby.run("detail-status", String.valueOf(id)).out(),
                out -> out.contains("dispatch is paused"), LIMIT, "the waiting reason");
        assertThat(detail).containsPattern("Waiting\\s+dispatch is paused \\(since \\d\\d:\\d\\d by ");
        assertThat(hub.api().getTask(id).status()).isEqualTo(TaskStatus.PENDING);

        Cli.Result unpaused = dobby.run("unpause");
        assertThat(unpaused.code()).as(unpaused.toString()).isZero();
        assertThat(unpaused.out()).isEqualTo("Dispatch is running: nothing is paused\n");
        assertThat(hub.awaitEnd(id, LIMIT).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void pausingAProjectWithStopRunningCancelsWhatRunsAsPaused() {
        long id = queued(dobby.run("add", "echo started; sleep 60", "--project", "shop", "--backend", "shell"));
        hub.awaitStatus(id, TaskStatus.RUNNING, LIMIT);

        Cli.Result paused = dobby.run("pause", "--project", "shop", "--stop-running");
        assertThat(paused.code()).as(paused.toString()).isZero();
        assertThat(paused.out()).startsWith("Project shop is paused (since ");
        assertThat(hub.awaitEnd(id, LIMIT)).satisfies(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(t.statusReason()).isEqualTo("paused");
        });
        assertThat(dobby.run("status", "shop").out()).containsPattern("#" + id + "\\s+cancelled");

        assertThat(dobby.run("unpause", "--project", "shop").out()).isEqualTo("Dispatch is running: nothing is paused\n");
    }

    @Test
    void aCostCapAndBudgetsAreSetFromTheCommandLineAndShownInStats() {
        long id = queued(dobby.run("add", "echo capped", "--project", "shop", "--backend", "shell",
                "--max-cost", "2.50"));
        assertThat(hub.api().getTask(id).agent().maxCostUsd()).isEqualTo(2.50);

        Cli.Result policy = dobby.run("policy", "shop", "--daily-budget", "20", "--monthly-budget", "300");
        assertThat(policy.code()).as(policy.toString()).isZero();
        assertThat(policy.out()).contains("budget $20.00 a day").contains("budget $300.00 a month");

        Cli.Result stats = dobby.run("stats");
        assertThat(stats.code()).as(stats.toString()).isZero();
        assertThat(stats.out()).containsPattern("Budget shop today: \\$\\d+\\.\\d\\d of \\$20\\.00")
                .containsPattern("Budget shop this month: \\$\\d+\\.\\d\\d of \\$300\\.00")
                .contains("API-equivalent");
        dobby.run("policy", "shop", "--daily-budget", "0", "--monthly-budget", "0");
    }
}
