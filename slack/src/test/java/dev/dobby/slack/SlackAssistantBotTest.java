package dev.dobby.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.assistant.AssistantSettings;
import dev.dobby.assistant.FakeMessagesApi;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.client.HubHttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot reading requests through the Anthropic Messages API (a loopback server speaking it), and by rules when no
 * assistant answers; also what it does with a preview nobody confirmed in time, and with Slack's own failures.
 */
@Timeout(60)
class SlackAssistantBotTest {
    @TempDir
    static Path home;
    static TestHub hub;

    private FakeSlack slack;
    private SlackBot bot;
    private FakeMessagesApi api;

    @BeforeAll
    static void startHub() {
        hub = TestHub.start(home, c -> c.withApiKey("hub-key"));
        hub.project("spare");
        hub.project("dobby");
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @AfterEach
    void stopBot() throws Exception {
        if (bot != null) {
            bot.close();
        }
        if (slack != null) {
            slack.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private void startBot(SlackSettings settings) throws Exception {
        slack = FakeSlack.start();
        bot = SlackBot.start(settings, new HubHttpClient(hub.url(), "hub-key"), hub.url(), slack.config());
        slack.awaitConnected();
    }

    private static SlackSettings settings(List<String> order, String claude, String apiUrl) {
        return new SlackSettings("xoxb-test-bot-token", "xapp-test-app-token", "https://dobby.example")
                .withAssistant(new AssistantSettings(order, "claude-haiku-4-5", Duration.ofSeconds(10), claude,
                        "sk-ant-test", apiUrl));
    }

    @Test
    void theMessagesApiReadsTheRequestAndAnUnknownProjectIsAskedFor() throws Exception {
        api = new FakeMessagesApi().then(FakeMessagesApi.toolAnswer("""
                {"tasks":[{"description":"look at the 500 on the login page in Safari","project":"spar",
                  "backend":null,"priority":"urgent","draft":false,"after":[],"cron":null,"every":null,
                  "worker":null,"tags":[]}]}"""));
        startBot(settings(List.of("api"), "claude", api.url()));

        String ts = slack.mention("the login page 500s on Safari, can someone look at it in spar, it's urgent");
        FakeSlack.Call preview = slack.awaitReply(ts, "New task");
        assertThat(preview.text()).contains("_which one?_", "*Priority:* urgent",
                "I know no project 'spar' — did you mean `spare`?", "Understood by Anthropic API (claude-haiku-4-5)");
        assertThat(api.requests.getFirst().path("messages").toString()).contains("it's urgent");

        slack.react("white_check_mark", preview.param("ts"));
        slack.awaitReply(ts, "I need a project first");
    }

    @Test
    void whenClaudeCodeAndTheApiBothFailTheRulesReadTheRequest() throws Exception {
        api = new FakeMessagesApi().then(FakeMessagesApi.overloaded());
        Path broken = Files.writeString(home.resolve("claude-broken"), "#!/bin/sh\necho 'not json'\nexit 1\n");
        broken.toFile().setExecutable(true);
        startBot(settings(List.of("claude", "api"), broken.toString(), api.url()));

        String ts = slack.mention("fix the flaky upload test in spare with high priority");
        FakeSlack.Call preview = slack.awaitReply(ts, "New task");
        assertThat(preview.text()).contains("`spare`", "*Priority:* high", "fix the flaky upload test",
                "Understood by fixed rules");
        assertThat(api.requests).hasSize(3);

        hub.awaitEnd(hub.shell("spare", "echo for-the-summary").id(), Duration.ofSeconds(20));
        String asked = slack.mention("summary spare 24h");
        FakeSlack.Call summary = slack.awaitReply(asked, "*Summary*");
        assertThat(summary.text()).contains("`spare`", "for-the-summary").doesNotContain("written by");
        assertThat(api.requests).hasSize(6);
        assertThat(hub.api().assistantCosts().calls()).isZero();
    }

    @Test
    void draftsDependenciesTagsAndSchedulesReachTheHubAsPreviewed() throws Exception {
        startBot(settings(List.of(), "claude", null));
        long parent = hub.shell("spare", "echo parent-task").id();
        String ts = slack.mention("- just plan it: split the settings module in spare after #" + parent
                + " on a gpu worker\n- every night at 3 run ./backup.sh in spare using shell");
        FakeSlack.Call preview = slack.awaitReply(ts, "2 new tasks");
        assertThat(preview.text()).contains("*Draft:* waits for approval", "*After:* #" + parent, "*Tags:* gpu",
                "*Schedule:* cron `0 3 * * *` (hub time)", "Understood by fixed rules");

        slack.react("white_check_mark", preview.param("ts"));
        FakeSlack.Call queued = slack.awaitReply(ts, "Scheduled in `spare`");
        assertThat(queued.text()).contains("Drafted task", "cron `0 3 * * *`");
        var draft = hub.api().listTasks(TaskQuery.all().withText("split the settings module")).tasks();
        assertThat(draft).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(dev.dobby.protocol.TaskStatus.DRAFT);
            assertThat(t.dependsOn()).containsExactly(parent);
            assertThat(t.targetTags()).containsExactly("gpu");
        });
        assertThat(hub.api().schedules("spare")).singleElement().satisfies(s -> {
            assertThat(s.cron()).isEqualTo("0 3 * * *");
            assertThat(s.description()).isEqualTo("run ./backup.sh");
        });
    }

    @Test
    void aPreviewOlderThanItsMaxAgeSaysItExpiredAndQueuesNothing() throws Exception {
        startBot(settings(List.of(), "claude", null).withPreviewMaxAge(Duration.ofSeconds(1)));
        String ts = slack.mention("echo too-late in spare using shell");
        FakeSlack.Call preview = slack.awaitReply(ts, "too-late");
        Thread.sleep(1500);
        slack.react("white_check_mark", preview.param("ts"));
        slack.awaitReply(ts, "has expired and nothing was queued");
        slack.awaitCall("chat.update", c -> c.text().contains("Expired"), "the preview marked expired");
        assertThat(hub.api().listTasks(TaskQuery.all().withText("too-late")).tasks()).isEmpty();
    }

    @Test
    void slackRateLimitsRefusalsAndADroppedSocketDoNotStopTheBot() throws Exception {
        startBot(settings(List.of(), "claude", null));
        slack.failNext("chat.postMessage", FakeSlack.Fault.rateLimited(1));
        String first = slack.mention("status");
        slack.awaitReply(first, "No tasks");
        assertThat(slack.calls("chat.postMessage!429")).hasSize(1);

        slack.failNext("chat.postMessage", FakeSlack.Fault.error("channel_not_found"));
        slack.mention("status");
        slack.awaitCall("chat.postMessage!channel_not_found", c -> true, "the refused post");
        String third = slack.mention("projects");
        slack.awaitReply(third, "spare");

        slack.dropConnections();
        slack.awaitConnections(2);
        String fourth = slack.mention("help");
        slack.awaitReply(fourth, "queues work for coding agents");
    }
}
