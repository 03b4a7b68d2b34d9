package dev.dobby.hub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.hub.testing.FakeWorker;
import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Assignment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project's policy, changed over HTTP, shapes the tasks submitted after the change and leaves earlier ones. */
class ProjectPolicyTest {
    @TempDir
    Path home;
    TestHub hub;
    HubApi api;

    @BeforeEach
    void start() {
        hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0));
        hub.project("p");
        api = hub.client();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void defaultsApplyToTasksSubmittedAfterTheChange() {
        Task before = api.createTask(NewTask.of("before", "p"));
        assertThat(before.backend()).isEqualTo(Backend.CLAUDE);
        assertThat(before.priority()).isEqualTo(Priority.NORMAL);
        assertThat(before.timeout()).isEqualTo(1800);

        Http.Reply patched = new Http(hub.url()).patch("/projects/p", "{\"policy\": {\"default_backend\": \"shell\","
                + " \"default_timeout\": 120, \"default_priority\": \"high\"}}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("policy").path("default_backend").asText()).isEqualTo("shell");

        Task after = api.createTask(NewTask.of("after", "p"));
        assertThat(after.backend()).isEqualTo(Backend.SHELL);
        assertThat(after.priority()).isEqualTo(Priority.HIGH);
        assertThat(after.timeout()).isEqualTo(120);
        Task explicit = api.createTask(NewTask.of("explicit", "p").withBackend(Backend.CODEX)
                .withPriority(Priority.LOW).withTimeout(60));
        assertThat(explicit.backend()).as("what the submitter says wins").isEqualTo(Backend.CODEX);
        assertThat(explicit.priority()).isEqualTo(Priority.LOW);
        assertThat(explicit.timeout()).isEqualTo(60);

        Task unchanged = api.getTask(before.id());
        assertThat(unchanged.backend()).isEqualTo(Backend.CLAUDE);
        assertThat(unchanged.priority()).isEqualTo(Priority.NORMAL);
        assertThat(unchanged.timeout()).isEqualTo(1800);

        api.updateProject("p", new ProjectPolicy(null, null, null, Priority.URGENT, null));
        ProjectPolicy merged = api.getProject("p").policy();
        assertThat(merged.defaultPriority()).as("a PATCH changes only what it names").isEqualTo(Priority.URGENT);
        assertThat(merged.defaultBackend()).isEqualTo(Backend.SHELL);
        assertThat(merged.defaultTimeout()).isEqualTo(120);
    }

    @Test
    void autoChainMakesEachNewTaskWaitForTheProjectsLatestActiveOne() {
        Task first = api.createTask(NewTask.of("first", "p").withBackend(Backend.SHELL));
        Task free = api.createTask(NewTask.of("free", "p").withBackend(Backend.SHELL));
        assertThat(free.dependsOn()).as("no chain before the policy says so").isEmpty();

        api.updateProject("p", new ProjectPolicy(null, null, null, null, true));
        Task second = api.createTask(NewTask.of("second", "p").withBackend(Backend.SHELL));
        Task third = api.createTask(NewTask.of("third", "p").withBackend(Backend.SHELL));
        assertThat(second.dependsOn()).containsExactly(free.id());
        assertThat(second.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(third.dependsOn()).containsExactly(second.id());

        FakeWorker worker = new FakeWorker(hub.hub().work(), "w", List.of(Backend.SHELL), List.of(), 10);
        worker.finish(worker.take(), TaskStatus.COMPLETED, 0, "ok");
        worker.finish(worker.take(), TaskStatus.COMPLETED, 0, "ok");
        Assignment next = worker.take();
        assertThat(next.taskId()).isEqualTo(second.id());
        assertThat(api.getTask(first.id()).status()).isEqualTo(TaskStatus.COMPLETED);

        api.updateProject("p", new ProjectPolicy(null, null, null, null, false));
        Task unchained = api.createTask(NewTask.of("unchained", "p").withBackend(Backend.SHELL));
        assertThat(unchained.dependsOn()).isEmpty();
    }

    @Test
    void maxConcurrentLimitsHowManyOfTheProjectsTasksRunAtOnce() {
        api.createTask(NewTask.of("one", "p").withBackend(Backend.SHELL));
        api.createTask(NewTask.of("two", "p").withBackend(Backend.SHELL));
        api.createTask(NewTask.of("three", "p").withBackend(Backend.SHELL));
        FakeWorker worker = new FakeWorker(hub.hub().work(), "w", List.of(Backend.SHELL), List.of(), 10);
        worker.take();
        assertThat(worker.poll(Duration.ofMillis(300))).as("one at a time by default").isEmpty();

        api.updateProject("p", new ProjectPolicy(null, null, 2, null, null));
        worker.take();
        assertThat(worker.poll(Duration.ofMillis(300))).as("two at a time now").isEmpty();
        assertThat(api.getProject("p").policy().maxConcurrent()).isEqualTo(2);
    }

    @Test
    void badPoliciesAreRefusedAndChangeNothing() {
        Http http = new Http(hub.url());
        Http.Reply zero = http.patch("/projects/p", "{\"policy\": {\"max_concurrent\": 0}}");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.error()).isEqualTo("policy.max_concurrent must be between 1 and 64");
        Http.Reply backend = http.patch("/projects/p", "{\"policy\": {\"default_backend\": \"gpt\"}}");
        assertThat(backend.status()).isEqualTo(400);
        assertThat(backend.error()).contains("unknown backend 'gpt'");
        Http.Reply hook = http.patch("/projects/p", "{\"policy\": {\"webhook_url\": \"ftp://example.com/x\"}}");
        assertThat(hook.status()).isEqualTo(400);
        assertThat(hook.error()).contains("policy.webhook_url must be an http:// or https:// URL");
        assertThatThrownBy(() -> api.updateProject("nowhere", ProjectPolicy.DEFAULT)).hasMessageContaining("no project");
        assertThat(api.getProject("p").policy()).isEqualTo(ProjectPolicy.DEFAULT);
    }
}
