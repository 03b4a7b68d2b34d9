package dev.dobby.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dobby.assistant.FakeClaude;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the bot as its own process ({@link SlackMain}, what {@code dobby slack} runs), pointed by
 * {@code SLACK_API_URL} at the fake Slack, in front of a real hub, reading requests with Claude Code (a stand-in
 * executable printing answers in the real CLI's shape). The bot is killed twice on the way: a preview posted before a
 * restart is still confirmed by its ✅, and a task that ends while the bot is down is still reported in its thread.
 */
@Timeout(120)
class SlackProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestHub hub;
    private FakeSlack slack;
    private Process bot;

    @AfterEach
    void stop() throws Exception {
        if (bot != null) {
            bot.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (slack != null) {
            slack.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private Path fakeClaude() throws IOException {
        Path request = FakeClaude.answer(dir, "request.json", """
                {"tasks":[{"description":"sleep 2; echo smoke-ok","project":"spare","unknown_project":null,
                  "backend":"shell","priority":"urgent","draft":false,"after":[],"cron":null,"every":null,
                  "worker":null,"tags":[]}]}""", null);
        Path edit = FakeClaude.answer(dir, "edit.json", """
                {"tasks":[{"description":"sleep 2; echo smoke-ok","project":"spare","unknown_project":null,
                  "backend":"shell","priority":"high","draft":false,"after":[],"cron":null,"every":null,
                  "worker":null,"tags":[]}]}""", null);
        Path summary = FakeClaude.answer(dir, "summary.json", null,
                "• The smoke check in *spare* ran and passed (`smoke-ok`).\n• Nothing failed; nothing waits.");
        Map<String, Path> byPrompt = new LinkedHashMap<>();
        byPrompt.put("Their reply changes it", edit);
        byPrompt.put("Write a short summary", summary);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        return FakeClaude.write(bin, byPrompt, request);
    }

    private Process startBot(Path claude, int connectionsBefore) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlackMain.class.getName());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("ANTHROPIC_") || k.startsWith("DOBBY_") || k.startsWith("SLACK_"));
        env.put("SLACK_BOT_TOKEN", "xoxb-test-bot-token");
        env.put("SLACK_APP_TOKEN", "xapp-test-app-token");
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("DOBBY_URL", hub.url());
        env.put("DOBBY_API_KEY", "hub-key");
        env.put("DOBBY_HUB_URL", "https://dobby.example");
        env.put("DOBBY_ASSISTANT", "claude");
        env.put("DOBBY_CLAUDE_BIN", claude.toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("bot.log").toFile()));
        Process process = pb.start();
        slack.awaitConnections(connectionsBefore + 1);
        return process;
    }

    private void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aNaturalLanguageRequestIsPreviewedEditedConfirmedAfterARestartAndReportedAfterAnother() throws Exception {
        hub = TestHub.start(dir.resolve("hub"), c -> c.withApiKey("hub-key"));
        hub.api().registerProject(new NewProject("spare", dir.toString(), "Django shop; tests run with pytest", null));
        hub.project("dobby");
        slack = FakeSlack.start();
        Path claude = fakeClaude();
        bot = startBot(claude, 0);

        String asked = slack.mention("the smoke check in spare should run, it's urgent, just shell it");
        FakeSlack.Call preview = slack.awaitReply(asked, "New task");
        assertThat(preview.text()).contains("`spare`", "*Priority:* urgent", "*Backend:* shell",
                "sleep 2; echo smoke-ok", "Understood by Claude Code (claude-haiku-4-5)");
        assertThat(FakeClaude.argv(claude.getParent())).contains("--json-schema", "claude-haiku-4-5");
        assertThat(Files.readString(claude.getParent().resolve("argv.txt")))
                .contains("<message>\nthe smoke check in spare should run", "- spare: Django shop");
        String previewTs = preview.param("ts");

        slack.message("U1", FakeSlack.CHANNEL, "channel", "make it high priority", asked, null);
        FakeSlack.Call edited = slack.awaitCall("chat.update", c -> previewTs.equals(c.param("ts"))
                && c.text().contains("*Priority:* high"), "the preview edited to high priority");
        assertThat(edited.text()).contains("Understood by Claude Code");

        kill(bot);
        bot = startBot(claude, 1);
        slack.react("white_check_mark", previewTs);
        FakeSlack.Call queued = slack.awaitReply(asked, "Queued task");
        List<Task> tasks = hub.api().listTasks(TaskQuery.all().withText("smoke-ok")).tasks();
        assertThat(tasks).singleElement().satisfies(t -> {
            assertThat(t.priority()).isEqualTo(Priority.HIGH);
            assertThat(t.backend()).isEqualTo(Backend.SHELL);
            assertThat(t.project()).isEqualTo("spare");
        });
        long id = tasks.getFirst().id();
        assertThat(queued.text()).contains("https://dobby.example/dashboard#/tasks/" + id, "Asked by Ada.");
        assertThat(hub.api().slackThread(id).requesterName()).isEqualTo("Ada");

        kill(bot);
        assertThat(hub.awaitEnd(id, WAIT).status()).isEqualTo(TaskStatus.COMPLETED);
        bot = startBot(claude, 2);
        assertThat(slack.awaitReply(asked, "Task <https://dobby.example/dashboard#/tasks/" + id).text())
                .contains("completed", "smoke-ok");

        String summaryAsked = slack.mention("summary spare 24h");
        FakeSlack.Call summary = slack.awaitReply(summaryAsked, "Summary");
        assertThat(summary.text()).contains("written by Claude Code (claude-haiku-4-5)",
                "The smoke check in *spare* ran and passed", "https://dobby.example/dashboard#/tasks/" + id);

        var costs = hub.api().assistantCosts();
        assertThat(costs.calls()).isEqualTo(3);
        assertThat(costs.costUsd()).isCloseTo(3 * 0.001132, org.assertj.core.data.Offset.offset(1e-9));
    }
}
