package dev.dobby.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.testing.FakeRemoteControl;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Session;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.client.HubHttpClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** "@Dobby open a session on W in P" through the real Bolt app, a fake Slack and a real hub with a fake claude. */
@Timeout(60)
class SlackSessionTest {
    @TempDir
    Path home;

    @Test
    void aMentionOpensASessionAndItsLinkFollowsInTheThread() throws Exception {
        FakeRemoteControl claude = FakeRemoteControl.serving(home.resolve("bin"));
        WorkerSettings worker = new WorkerSettings(System.getenv(), claude.program().toString(), "/nonexistent/codex",
                null, null);
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c, b -> b.worker(worker));
             FakeSlack slack = FakeSlack.start()) {
            hub.project("spare");
            SlackBot bot = SlackBot.start(new SlackSettings("xoxb-test-bot-token", "xapp-test-app-token",
                    "https://dobby.example"), new HubHttpClient(hub.url(), null), hub.url(), slack.config());
            try {
                slack.awaitConnected();
                String ts = slack.mention("open a session on local in spare");
                FakeSlack.Call opening = slack.awaitReply(ts, "Opening Remote Control session");
                assertThat(opening.text()).matches("Opening Remote Control session #\\d+ in `spare` on `local`; the"
                        + " link follows here\\.");
                FakeSlack.Call link = slack.awaitReply(ts, FakeRemoteControl.LINK);
                assertThat(link.text()).matches("Session #\\d+ on `local`: " + FakeRemoteControl.LINK.replace(".", "\\."));
                Session session = hub.api().sessions(true).getFirst();
                hub.api().cancelTask(session.id());
                assertThat(hub.awaitEnd(session.id(), Duration.ofSeconds(30)).status()).isEqualTo(TaskStatus.CANCELLED);
                slack.awaitAllAcked();
            } finally {
                bot.close();
            }
        }
    }
}
