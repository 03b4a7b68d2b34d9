package dev.dobby.hub.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.FakeWorker;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.hub.testing.WebhookReceiver;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.WebhookDelivery;
import dev.dobby.protocol.work.Assignment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task ends reach a real receiver on loopback, once each, and forbidden targets are never called. */
class WebhookTest {
    @TempDir
    Path home;
    final List<AutoCloseable> open = new ArrayList<>();
    TestHub hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private WebhookReceiver receiver() {
        WebhookReceiver receiver = new WebhookReceiver();
        open.add(receiver);
        return receiver;
    }

    private TestHub start(String webhookUrl, boolean allowPrivate) {
        TestHub started = TestHub.start(home, c -> c.withMaxConcurrentAgents(0).withWebhook(webhookUrl, allowPrivate));
        if (started.api().projects().isEmpty()) {
            started.project("p");
            started.project("q");
        }
        return started;
    }

    private FakeWorker worker() {
        return new FakeWorker(hub.hub().work(), "w", List.of(Backend.SHELL), List.of(), 10);
    }

    private Task add(String project, String description) {
        return hub.api().createTask(NewTask.of(description, project).withBackend(Backend.SHELL));
    }

    private List<WebhookDelivery> settled(int expected) {
        return Await.until(() -> hub.client().webhookDeliveries(1000), d -> d.size() == expected
                        && d.stream().allMatch(x -> x.state() != WebhookDelivery.State.PENDING), Duration.ofSeconds(15),
                expected + " settled webhook deliveries");
    }

    @Test
    void eachFinishedTaskIsAnnouncedExactlyOnce() {
        WebhookReceiver receiver = receiver();
        hub = start(receiver.url("/hook"), true);
        Random random = new Random();
        FakeWorker worker = worker();
        Map<Long, TaskStatus> ended = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            Task task = add(i % 2 == 0 ? "p" : "q", "task " + i);
            TaskStatus outcome = List.of(TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.TIMED_OUT, TaskStatus.STALE)
                    .get(random.nextInt(4));
            Assignment assignment = worker.take();
            worker.finish(assignment, outcome, outcome == TaskStatus.COMPLETED ? 0 : 1, "summary of " + task.id());
            ended.put(task.id(), outcome);
        }
        Task cancelledWhileQueued = add("p", "never mind");
        hub.api().cancelTask(cancelledWhileQueued.id());
        Task cancelledWhileRunning = add("p", "stop it");
        worker.take();
        hub.api().cancelTask(cancelledWhileRunning.id());

        List<WebhookDelivery> deliveries = settled(ended.size());
        assertThat(deliveries).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(WebhookDelivery.State.DELIVERED);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.httpStatus()).isEqualTo(200);
            assertThat(d.target()).isEqualTo("http://127.0.0.1:" + receiver.port() + "/…");
        });
        List<WebhookReceiver.Call> calls = receiver.calls();
        assertThat(calls).hasSize(ended.size());
        Map<Long, String> events = new HashMap<>();
        for (WebhookReceiver.Call call : calls) {
            long taskId = call.json().path("task").path("id").asLong();
            assertThat(events.put(taskId, call.json().path("event").asText())).as("one call for task " + taskId).isNull();
            assertThat(call.header("X-Dobby-Event")).isEqualTo(call.json().path("event").asText());
            assertThat(call.json().path("result").path("summary").asText()).isEqualTo("summary of " + taskId);
            assertThat(call.json().path("task").path("status").asText()).isEqualTo(ended.get(taskId).wire());
        }
        Map<Long, String> expected = new HashMap<>();
        ended.forEach((id, status) -> expected.put(id, "task." + status.wire()));
        assertThat(events).isEqualTo(expected);
    }

    @Test
    void anAutomaticRetryIsAnnouncedOnlyWhenTheTaskFinallyEnds() {
        WebhookReceiver receiver = receiver();
        hub = start(receiver.url("/hook"), true);
        hub.api().updateProject("p", ProjectPolicy.retries(2, 0));
        Task task = add("p", "flaky");
        FakeWorker worker = worker();
        worker.finish(worker.take(), TaskStatus.FAILED, 1, "first try");
        worker.finish(worker.take(), TaskStatus.COMPLETED, 0, "second try");
        settled(1);
        assertThat(receiver.calls()).singleElement().satisfies(call -> {
            assertThat(call.json().path("event").asText()).isEqualTo("task.completed");
            assertThat(call.json().path("task").path("id").asLong()).isEqualTo(task.id());
            assertThat(call.json().path("result").path("attempt").asInt()).isEqualTo(2);
        });
    }

    @Test
    void aProjectsOwnWebhookHearsItsTasksBesidesTheHubsOne() {
        WebhookReceiver global = receiver();
        WebhookReceiver own = receiver();
        hub = start(global.url("/all"), true);
        hub.client().updateProject("p", new ProjectPolicy(null, null, null, null, null, null, null, own.url("/p")));
        Task inP = add("p", "in p");
        Task inQ = add("q", "in q");
        FakeWorker worker = worker();
        worker.finish(worker.take(), TaskStatus.COMPLETED, 0, "ok");
        worker.finish(worker.take(), TaskStatus.COMPLETED, 0, "ok");
        settled(3);
        assertThat(global.calls()).extracting(c -> c.json().path("task").path("id").asLong())
                .containsExactlyInAnyOrder(inP.id(), inQ.id());
        assertThat(own.calls()).extracting(c -> c.json().path("task").path("id").asLong()).containsExactly(inP.id());
    }

    @Test
    void aLoopbackTargetIsRefusedWithoutTheAllowanceAndNeverCalled() {
        WebhookReceiver receiver = receiver();
        hub = start(receiver.url("/hook"), false);
        add("p", "ends");
        FakeWorker worker = worker();
        worker.finish(worker.take(), TaskStatus.COMPLETED, 0, "ok");
        WebhookDelivery refused = settled(1).getFirst();
        assertThat(refused.state()).isEqualTo(WebhookDelivery.State.REFUSED);
        assertThat(refused.error()).isEqualTo("127.0.0.1 is a loopback address; set webhook_allow_private: true on the"
                + " hub to allow it");
        assertThat(refused.attempts()).isZero();
        assertThat(receiver.calls()).isEmpty();
    }

    @Test
    void aDeliveryOwedWhenTheHubStopsIsMadeOnceAfterItStartsAgain() {
        WebhookReceiver first = new WebhookReceiver();
        int port = first.port();
        String url = first.url("/hook");
        first.close();
        hub = start(url, true);
        Task task = add("p", "ends while nobody listens");
        FakeWorker worker = worker();
        worker.finish(worker.take(), TaskStatus.COMPLETED, 0, "ok");
        Await.until(() -> hub.client().webhookDeliveries(10), d -> d.size() == 1 && d.getFirst().attempts() >= 1,
                Duration.ofSeconds(10), "a failed first try");
        hub.close();

        WebhookReceiver back = new WebhookReceiver(port);
        open.add(back);
        hub = start(url, true);
        WebhookDelivery delivered = settled(1).getFirst();
        assertThat(delivered.state()).isEqualTo(WebhookDelivery.State.DELIVERED);
        assertThat(back.calls()).singleElement()
                .satisfies(call -> assertThat(call.json().path("task").path("id").asLong()).isEqualTo(task.id()));
    }
}
