package dev.dobby.hub.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Stats;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets through the whole hub with a fake `claude` that prints Claude Code stream-json: a task's own cap stops
 * its agent, a project's daily budget holds back its next task until the budget is raised.
 */
class BudgetTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path home;

    /**
     * A fake claude. Asked to "spend", it streams assistant messages of 100,000 output tokens each ($1.00 at the
     * test's price) until it is stopped; asked anything else, it reports a result that cost $1.50 and exits.
     */
    private Path fakeClaude() throws IOException {
        Path script = home.resolve("claude.sh");
        String message = "{\"type\":\"assistant\",\"message\":{\"id\":\"msg_%s\",\"type\":\"message\",\"role\":"
                + "\"assistant\",\"model\":\"claude-test\",\"content\":[{\"type\":\"text\",\"text\":\"working %s\"}],"
                + "\"usage\":{\"input_tokens\":0,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
                + "\"output_tokens\":100000}},\"session_id\":\"s-1\"}";
        Files.writeString(script, "#!/bin/bash\n"
                + "for last; do :; done\n"
                + "echo '{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"s-1\",\"model\":\"claude-test\"}'\n"
                + "if [[ \"$last\" == spend* ]]; then\n"
                + "  i=0\n"
                + "  while true; do i=$((i+1)); printf '" + message.formatted("%d", "%d") + "\\n' $i $i; sleep 0.3; done\n"
                + "fi\n"
                + "echo '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":1,"
                + "\"result\":\"done\",\"session_id\":\"s-1\",\"total_cost_usd\":1.5,"
                + "\"usage\":{\"input_tokens\":10,\"output_tokens\":10}}'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private TestHub hub() throws IOException {
        PriceTable prices = new PriceTable(Map.of("claude-test", new PriceTable.Price(1.0, 1.0, 10.0, null)));
        WorkerSettings worker = new WorkerSettings(System.getenv(), fakeClaude().toString(), "/nonexistent/codex",
                prices, Duration.ofDays(1));
        return TestHub.start(home, c -> c, b -> b.worker(worker));
    }

    private static NewTask claude(String description, String project) {
        return NewTask.of(description, project).withBackend(Backend.CLAUDE);
    }

    @Test
    void aTaskThatPassesItsCostCapIsStoppedAndFailsWithItsWorkKept() throws Exception {
        try (TestHub hub = hub()) {
            hub.project("shop");
            Task task = hub.api().createTask(claude("spend", "shop").withMaxCostUsd(2.50));
            assertThat(task.agent().maxCostUsd()).isEqualTo(2.50);

            Task ended = hub.awaitEnd(task.id(), LIMIT);

            assertThat(ended.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(ended.statusReason()).startsWith("budget: spent $").endsWith(" of its $2.50 cap");
            TaskResult result = hub.api().result(task.id());
            assertThat(result.costUsd()).isGreaterThan(2.50);
            assertThat(result.sessionId()).isEqualTo("s-1");
            assertThat(hub.api().logs(task.id(), 0, 1000).lines()).extracting(LogLine::text)
                    .anyMatch(line -> line.contains("working 1"));
            assertThat(hub.api().detailStatus(task.id()).costUsd()).isGreaterThan(2.50);
        }
    }

    @Test
    void aCapInTheAgentOptionsWorksTheSameOverHttp() throws Exception {
        try (TestHub hub = hub()) {
            hub.project("shop");
            Task task = hub.client().createTask(claude("spend", "shop").withAgent(
                    dev.dobby.protocol.AgentOptions.NONE.withMaxCostUsd(1.25)));
            Task ended = hub.awaitEnd(task.id(), LIMIT);
            assertThat(ended.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(ended.statusReason()).contains("budget").endsWith(" of its $1.25 cap");
        }
    }

    @Test
    void aProjectOverItsDailyBudgetHoldsItsNextTaskUntilTheBudgetIsRaised() throws Exception {
        try (TestHub hub = hub()) {
            hub.project("shop");
            hub.project("other");
            hub.api().updateProject("shop", ProjectPolicy.budgets(1.0, null, null));

            Task first = hub.api().createTask(claude("finish", "shop"));
            assertThat(hub.awaitEnd(first.id(), LIMIT).status()).isEqualTo(TaskStatus.COMPLETED);

            Task next = hub.api().createTask(claude("finish", "shop"));
            String reason = Await.until(() -> hub.api().detailStatus(next.id()).waitingReason(),
                    r -> r != null && r.contains("budget"), LIMIT, "the budget to be the waiting reason");
            assertThat(reason).isEqualTo("budget of shop reached ($1.00 today); resets at 00:00");
            assertThat(hub.api().getTask(next.id()).status()).isEqualTo(TaskStatus.PENDING);

            // Other projects are not held back.
            Task elsewhere = hub.api().createTask(claude("finish", "other"));
            assertThat(hub.awaitEnd(elsewhere.id(), LIMIT).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(hub.api().getTask(next.id()).status()).isEqualTo(TaskStatus.PENDING);

            Stats stats = hub.client().stats();
            assertThat(stats.budgets()).singleElement().satisfies(b -> {
                assertThat(b.project()).isEqualTo("shop");
                assertThat(b.period()).isEqualTo("day");
                assertThat(b.capUsd()).isEqualTo(1.0);
                assertThat(b.spentUsd()).isEqualTo(1.5);
                assertThat(b.reached()).isTrue();
            });

            hub.api().updateProject("shop", ProjectPolicy.budgets(10.0, null, null));
            assertThat(hub.awaitEnd(next.id(), LIMIT).status()).isEqualTo(TaskStatus.COMPLETED);
        }
    }

    @Test
    void theHubsOwnDailyBudgetHoldsBackEveryProject() throws Exception {
        PriceTable prices = PriceTable.EMPTY;
        WorkerSettings worker = new WorkerSettings(System.getenv(), fakeClaude().toString(), "/nonexistent/codex",
                prices, Duration.ofDays(1));
        try (TestHub hub = TestHub.start(home, c -> c.withBudgets(1.0, 100.0), b -> b.worker(worker))) {
            hub.project("shop");
            hub.project("other");
            assertThat(hub.awaitEnd(hub.api().createTask(claude("finish", "shop")).id(), LIMIT).status())
                    .isEqualTo(TaskStatus.COMPLETED);
            Task next = hub.api().createTask(claude("finish", "other"));
            String reason = Await.until(() -> hub.api().detailStatus(next.id()).waitingReason(),
                    r -> r != null && r.contains("budget"), LIMIT, "the budget to be the waiting reason");
            assertThat(reason).isEqualTo("hub-wide budget reached ($1.00 today); resets at 00:00");
            assertThat(hub.api().stats().budgets()).extracting(Stats.Budget::period, Stats.Budget::reached)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("day", true),
                            org.assertj.core.groups.Tuple.tuple("month", false));
        }
    }
}
