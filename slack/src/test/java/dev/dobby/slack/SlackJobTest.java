package dev.dobby.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskQuery;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.client.HubHttpClient;
import dev.dobby.protocol.gpu.NewTrackedJob;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long job that a task queued from Slack started is announced in the task's thread when it ends. */
class SlackJobTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path home;

    @Test
    void aTrackedJobsEndIsPostedInTheThreadOfItsTask() throws Exception {
        Process job = new ProcessBuilder("setsid", "sleep", "300").start();
        try (TestHub hub = TestHub.start(home, c -> c.withApiKey("hub-key").withGpuPollInterval(Duration.ofSeconds(1)),
                b -> b.gpuSampleInterval(Duration.ofSeconds(1)));
             FakeSlack slack = FakeSlack.start()) {
            hub.project("spare");
            SlackSettings settings = new SlackSettings("xoxb-test-bot-token", "xapp-test-app-token", "https://dobby.example");
            try (SlackBot bot = SlackBot.start(settings, new HubHttpClient(hub.url(), "hub-key"), hub.url(),
                    slack.config())) {
                slack.awaitConnected();
                String ts = slack.mention("echo starts-a-job in spare using shell");
                FakeSlack.Call preview = slack.awaitReply(ts, "starts-a-job");
                slack.react("white_check_mark", preview.param("ts"));
                slack.awaitReply(ts, "completed");
                Task task = hub.api().listTasks(TaskQuery.all().withText("starts-a-job")).tasks().getFirst();
                assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);

                hub.api().trackJob(new NewTrackedJob(task.id(), null, job.pid(), null, null, "sleeper"));
                Await.until(() -> hub.api().jobs(task.id()).getFirst().polledAt() != null, WAIT, "a first poll");
                job.destroy();
                FakeSlack.Call ended = slack.awaitReply(ts, "sleeper");
                assertThat(ended.text()).isEqualTo(":checkered_flag: job 1 (process " + job.pid()
                        + ", sleeper) ended on local");
                slack.awaitAllAcked();
            }
        } finally {
            job.destroyForcibly();
        }
    }
}
