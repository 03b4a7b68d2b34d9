package dev.dobby.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.client.HubHttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real Bolt app, connected over Socket Mode to a fake Slack on loopback, in front of a real hub. */
@Timeout(60)
class SlackBotTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path home;
    static TestHub hub;

    private FakeSlack slack;
    private SlackBot bot;

    @BeforeAll
    static void startHub() {
        hub = TestHub.start(home, c -> c.withApiKey("hub-key"));
        hub.project("spare");
        hub.project("spare-tillicum");
        hub.project("dobby");
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @AfterEach
    void stopBot() throws Exception {
        if (slack != null) {
            slack.awaitAllAcked();
        }
        if (bot != null) {
            bot.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    private void startBot(String hubUrl) throws Exception {
        slack = FakeSlack.start();
        SlackSettings settings = new SlackSettings("xoxb-test-bot-token", "xapp-test-app-token", "https://dobby.example");
        bot = SlackBot.start(settings, new HubHttpClient(hubUrl, "hub-key"), hubUrl, slack.config());
        slack.awaitConnected();
    }

    private void startBot() throws Exception {
        startBot(hub.url());
    }

    private List<Task> tasksWith(String text) {
        return hub.api().listTasks(TaskQuery.all().withText(text)).tasks();
    }

    @Test
    void aMentionIsPreviewedThenQueuedOnACheckmarkAndItsEndIsReportedInTheThread() throws Exception {
        startBot();
        String envelope = slack.sendEvent(new ObjectMapper().createObjectNode().put("type", "app_mention")
                .put("user", "U1").put("text", "<@UBOT> echo hi-from-slack in spare using shell with high priority")
                .put("channel", "C1").put("ts", "1700000000.000100").put("event_ts", "1700000000.000100"));
        slack.awaitAck(envelope);

        FakeSlack.Call preview = slack.awaitReply("1700000000.000100", "echo hi-from-slack");
        assertThat(preview.param("channel")).isEqualTo("C1");
        assertThat(preview.text()).contains("`spare`", "high", "shell");
        assertThat(preview.param("token")).isEqualTo("xoxb-test-bot-token");
        slack.awaitCall("reactions.add", c -> preview.param("ts").equals(c.param("timestamp")), "on the preview");
        assertThat(tasksWith("hi-from-slack")).isEmpty();

        slack.awaitAck(slack.react("white_check_mark", preview.param("ts")));
        FakeSlack.Call queued = slack.awaitReply("1700000000.000100", "Queued task");
        Task task = Await.until(() -> tasksWith("hi-from-slack"), l -> l.size() == 1, WAIT, "the task").getFirst();
        assertThat(task.project()).isEqualTo("spare");
        assertThat(task.priority()).isEqualTo(Priority.HIGH);
        assertThat(task.backend()).isEqualTo(Backend.SHELL);
        assertThat(task.description()).isEqualTo("echo hi-from-slack");
        assertThat(queued.text()).contains("https://dobby.example/dashboard#/tasks/" + task.id());

        FakeSlack.Call ended = slack.awaitReply("1700000000.000100", "completed");
        assertThat(ended.text()).contains("#" + task.id(), "hi-from-slack");
        assertThat(hub.api().getTask(task.id()).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void aFailedTaskIsReportedInTheThreadWithItsReason() throws Exception {
        startBot();
        String ts = slack.mention("echo failing-on-purpose; exit 3 in spare using shell");
        FakeSlack.Call preview = slack.awaitReply(ts, "failing-on-purpose");
        slack.react("white_check_mark", preview.param("ts"));
        FakeSlack.Call ended = slack.awaitReply(ts, "failed");
        assertThat(ended.text()).startsWith(":x: Task <https://dobby.example/dashboard#/tasks/");
        assertThat(tasksWith("failing-on-purpose")).singleElement().extracting(Task::status).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void onlyWhoeverAskedCanQueueOrDropAPreview() throws Exception {
        startBot();
        String ts = slack.mention("echo someone-elses-task in spare using shell");
        FakeSlack.Call preview = slack.awaitReply(ts, "someone-elses-task");

        slack.awaitAck(slack.react("white_check_mark", preview.param("ts"), "U9"));
        slack.awaitReply(ts, "Only <@U1>, who asked for this, can queue or drop it.");
        slack.awaitAck(slack.react("x", preview.param("ts"), "U9"));
        slack.message("U9", "C1", "channel", "echo hijacked", ts, null);
        assertThat(tasksWith("someone-elses-task")).isEmpty();

        slack.awaitAck(slack.react("white_check_mark", preview.param("ts"), "U1"));
        slack.awaitReply(ts, "Queued task");
        assertThat(tasksWith("someone-elses-task")).hasSize(1);
        assertThat(tasksWith("hijacked")).isEmpty();
    }

    @Test
    void aCrossDropsThePreviewAndQueuesNothing() throws Exception {
        startBot();
        String ts = slack.mention("echo never-queued in spare using shell");
        FakeSlack.Call preview = slack.awaitReply(ts, "never-queued");

        slack.awaitAck(slack.react("x", preview.param("ts")));
        slack.awaitCall("chat.update", c -> preview.param("ts").equals(c.param("ts")) && c.text().contains("Dropped"),
                "marking the preview dropped");
        slack.awaitReply(ts, "nothing was queued");
        // a late checkmark finds no preview
        slack.awaitAck(slack.react("white_check_mark", preview.param("ts")));
        slack.mention("help");
        slack.awaitCall("chat.postMessage", c -> c.text().contains("queues work for coding agents"), "help");
        assertThat(tasksWith("never-queued")).isEmpty();
    }

    @Test
    void aReplyInThePreviewsThreadEditsItBeforeItIsConfirmed() throws Exception {
        startBot();
        String ts = slack.mention("tidy the signup form in spare");
        FakeSlack.Call preview = slack.awaitReply(ts, "tidy the signup form");

        slack.message("C1", "channel", "with urgent priority using codex, in dobby", ts, null);
        FakeSlack.Call update = slack.awaitCall("chat.update",
                c -> preview.param("ts").equals(c.param("ts")) && c.text().contains("urgent"), "the edited preview");
        assertThat(update.text()).contains("codex", "`dobby`", "tidy the signup form");

        slack.react("white_check_mark", preview.param("ts"));
        slack.awaitReply(ts, "Queued task");
        Task task = Await.until(() -> tasksWith("tidy the signup form"), l -> l.size() == 1, WAIT, "the task").getFirst();
        assertThat(task.priority()).isEqualTo(Priority.URGENT);
        assertThat(task.backend()).isEqualTo(Backend.CODEX);
        assertThat(task.project()).isEqualTo("dobby");
    }

    @Test
    void aBulletListQueuesOneTaskPerBulletTogether() throws Exception {
        startBot();
        String ts = slack.mention("in dobby using shell:\n- echo bullet-one\n* echo bullet-two with low priority\n• echo bullet-three");
        FakeSlack.Call preview = slack.awaitReply(ts, "3 new tasks");
        assertThat(preview.text()).contains("echo bullet-one", "echo bullet-two", "echo bullet-three");

        slack.react("heavy_check_mark", preview.param("ts"));
        slack.awaitReply(ts, "Queued 3 tasks");
        List<Task> tasks = Await.until(() -> tasksWith("bullet-"), l -> l.size() == 3, WAIT, "three tasks");
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.project()).isEqualTo("dobby");
            assertThat(t.backend()).isEqualTo(Backend.SHELL);
            assertThat(t.batchId()).isNotNull();
        });
        assertThat(tasks).filteredOn(t -> t.description().equals("echo bullet-two")).singleElement()
                .extracting(Task::priority).isEqualTo(Priority.LOW);
    }

    @Test
    void statusRunningProjectsSummaryAndHelpAreAnsweredInTheThread() throws Exception {
        hub.shell("spare", "echo for-the-digest");
        startBot();
        String status = slack.mention("status");
        assertThat(slack.awaitReply(status, "Tasks in the last 4h").text()).contains("for-the-digest");
        String custom = slack.mention("status 12h");
        slack.awaitReply(custom, "last 12h");
        Task longRunner = hub.shell("dobby", "sleep 30; echo long-runner");
        hub.awaitStatus(longRunner.id(), TaskStatus.RUNNING, WAIT);
        String running = slack.mention("running");
        assertThat(slack.awaitReply(running, "Running now").text()).contains("long-runner", "`dobby`");
        hub.api().cancelTask(longRunner.id());
        String projects = slack.mention("projects");
        assertThat(slack.awaitReply(projects, "Projects* (3)").text()).contains("`spare-tillicum`", "`dobby`");
        String summary = slack.mention("summary spare 24h");
        assertThat(slack.awaitReply(summary, "Summary").text()).contains("`spare`", "last 24h", "tokens");
        String unknown = slack.mention("summary nowhere");
        assertThat(slack.awaitReply(unknown, "Unknown project 'nowhere'").text()).contains("spare", "dobby");
        String help = slack.mention("help");
        assertThat(slack.awaitReply(help, "react").text()).contains("status 12h", "summary", "No language model is configured");
    }

    @Test
    void aDirectMessageWorksWithoutAMention() throws Exception {
        startBot();
        String ts = slack.message("D1", "im", "projects", null, null);
        slack.awaitCall("chat.postMessage", c -> "D1".equals(c.param("channel")) && ts.equals(c.param("thread_ts"))
                && c.text().contains("Projects"), "the answer to a DM");
    }

    @Test
    void anUnknownProjectIsAskedForAndCanBeGivenInTheThread() throws Exception {
        startBot();
        String ts = slack.mention("fix the flaky test in nowhere");
        FakeSlack.Call preview = slack.awaitReply(ts, "Which project?");
        assertThat(preview.text()).contains("spare", "spare-tillicum", "dobby");

        slack.react("white_check_mark", preview.param("ts"));
        slack.awaitReply(ts, "I need a project first");
        slack.message("C1", "channel", "spare-tillicum", ts, null);
        slack.awaitCall("chat.update", c -> preview.param("ts").equals(c.param("ts"))
                && c.text().contains("`spare-tillicum`"), "the preview with its project");
        slack.react("white_check_mark", preview.param("ts"));
        slack.awaitReply(ts, "Queued task");
        assertThat(tasksWith("flaky test")).singleElement().extracting(Task::project).isEqualTo("spare-tillicum");
    }

    @Test
    void messagesFromBotsAreIgnored() throws Exception {
        startBot();
        slack.message("D1", "im", "status", null, "B2");
        slack.awaitLastAck();
        String fromBot = slack.nextTs();
        slack.awaitAck(slack.sendEvent(new ObjectMapper().createObjectNode().put("type", "app_mention")
                .put("user", "U2").put("bot_id", "B2").put("text", "<@UBOT> projects").put("channel", "C1")
                .put("ts", fromBot).put("event_ts", fromBot)));
        // Events are handled in order, so once this answer is out the ones before it were dropped.
        String help = slack.mention("help");
        slack.awaitReply(help, "queues work");
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void shellLookingTextIsKeptVerbatimAsTheDescription() throws Exception {
        startBot();
        String ts = slack.mention("look at `$(rm -rf ~)` &amp;&amp; echo pwned; DROP TABLE tasks; &lt;script&gt; in spare");
        FakeSlack.Call preview = slack.awaitReply(ts, "rm -rf");
        slack.react("white_check_mark", preview.param("ts"));
        slack.awaitReply(ts, "Queued task");
        assertThat(tasksWith("DROP TABLE")).singleElement().extracting(Task::description)
                .isEqualTo("look at `$(rm -rf ~)` && echo pwned; DROP TABLE tasks; <script>");
    }

    @Test
    void withTheHubDownTheBotSaysSoAndKeepsAnswering() throws Exception {
        startBot("http://127.0.0.1:1");
        String first = slack.mention("status");
        assertThat(slack.awaitReply(first, "no hub at http://127.0.0.1:1").text()).contains("dobby start");
        String second = slack.mention("fix the login bug in spare");
        slack.awaitReply(second, "no hub at");
        String third = slack.mention("help");
        slack.awaitReply(third, "queues work");
        assertThat(slack.calls("chat.postMessage")).noneMatch(c -> c.text().contains("Exception") || c.text().contains("\tat "));
    }
}
