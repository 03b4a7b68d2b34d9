package dev.dobby.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.fx.Background;
import dev.dobby.app.testing.CountedCalls;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TasksViewModelTest {
    @TempDir
    Path home;

    private TestHub hub;
    private TasksViewModel model;

    @BeforeEach
    void start() {
        hub = TestHub.start(home);
        model = new TasksViewModel(hub.api(), Background.direct());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private Task draft(String description, String project) {
        return hub.api().createTask(NewTask.of(description, project).withBackend(Backend.SHELL).withDraft(true));
    }

    private List<String> shown() {
        return model.tasks().stream().map(Task::description).toList();
    }

    @Test
    void theTableFollowsTheStatusProjectAndTextFilters() {
        hub.project("web");
        hub.project("api");
        draft("alpha build", "web");
        draft("beta test", "api");
        Task ran = hub.shell("api", "true # alpha deploy");
        hub.awaitEnd(ran.id(), Duration.ofSeconds(20));

        model.refreshAll();
        assertThat(shown()).containsExactlyInAnyOrder("alpha build", "beta test", "true # alpha deploy");
        assertThat(model.projects()).containsExactly("api", "web");
        assertThat(model.totalProperty().get()).isEqualTo(3);

        model.searchProperty().set("ALPHA");
        assertThat(shown()).containsExactlyInAnyOrder("alpha build", "true # alpha deploy");
        model.projectProperty().set("api");
        assertThat(shown()).containsExactly("true # alpha deploy");
        model.searchProperty().set("");
        model.projectProperty().set(null);
        model.statuses().setAll(List.of(TaskStatus.DRAFT));
        assertThat(shown()).containsExactlyInAnyOrder("alpha build", "beta test");
    }

    @Test
    void actionsReachTheHubAndSayWhatHappened() {
        hub.project("web");
        Task draft = draft("echo approved", "web");
        model.approve(draft);
        assertThat(hub.api().getTask(draft.id()).status()).isNotEqualTo(TaskStatus.DRAFT);
        assertThat(model.messageProperty().get()).isEqualTo("Approved draft #" + draft.id());

        Task sleeper = hub.shell("web", "sleep 30");
        model.cancel(sleeper);
        assertThat(hub.api().getTask(sleeper.id()).status()).isEqualTo(TaskStatus.CANCELLED);
        model.retry(hub.api().getTask(sleeper.id()), true);
        assertThat(hub.api().getTask(sleeper.id()).status()).isIn(TaskStatus.PENDING, TaskStatus.RUNNING,
                TaskStatus.BLOCKED);
        assertThat(model.messageProperty().get()).contains("again with the tasks that wait on it");
        hub.api().cancelTask(sleeper.id());

        Task done = hub.awaitEnd(draft.id(), Duration.ofSeconds(20));
        model.cancel(done);
        assertThat(model.messageProperty().get()).doesNotContain("Exception").isNotBlank()
                .isNotEqualTo("Cancelled task #" + done.id());
    }

    @Test
    void whichActionsATaskAllows() {
        hub.project("web");
        Task draft = draft("x", "web");
        assertThat(TasksViewModel.canApprove(draft)).isTrue();
        assertThat(TasksViewModel.canCancel(draft)).isTrue();
        assertThat(TasksViewModel.canRetry(draft)).isFalse();
        Task cancelled = hub.api().cancelTask(draft.id());
        assertThat(TasksViewModel.canRetry(cancelled)).isTrue();
        assertThat(TasksViewModel.canCancel(cancelled)).isFalse();
        assertThat(TasksViewModel.canResume(cancelled)).as("a shell task has no session").isFalse();
        Task agentDraft = hub.api().createTask(NewTask.of("y", "web").withBackend(Backend.CLAUDE).withDraft(true));
        assertThat(TasksViewModel.canResume(agentDraft)).isFalse();
        assertThat(TasksViewModel.canResume(hub.api().cancelTask(agentDraft.id()))).isTrue();
        assertThat(TasksViewModel.canApprove(null)).isFalse();
    }

    @Test
    void aPageSaysWhyItsTasksWaitAndWhichCannotRunInOneCall() {
        hub.project("wait");
        Task gpu = hub.api().createTask(NewTask.of("echo needs a gpu", "wait").withBackend(Backend.SHELL)
                .withTarget(null, List.of("gpu")));
        Task parent = hub.shell("wait", "exit 4");
        Task held = hub.api().createTask(NewTask.of("echo after a failure", "wait").withBackend(Backend.SHELL)
                .withDependsOn(List.of(parent.id())));
        hub.awaitEnd(parent.id(), Duration.ofSeconds(20));
        Task running = hub.shell("wait", "sleep 30");
        hub.awaitStatus(running.id(), TaskStatus.RUNNING, Duration.ofSeconds(20));
        Task waits = hub.api().createTask(NewTask.of("echo after the sleep", "wait").withBackend(Backend.SHELL)
                .withDependsOn(List.of(running.id())));

        CountedCalls counted = new CountedCalls(hub.client());
        TasksViewModel listing = new TasksViewModel(counted.api(), Background.direct());
        listing.refresh();
        assertThat(listing.waiting()).containsEntry(gpu.id(), "no online worker with tags gpu can run shell tasks")
                .containsKeys(held.id(), waits.id()).doesNotContainKeys(parent.id(), running.id());
        assertThat(listing.stuck()).as("what the hub flags, whatever the words")
                .containsExactlyInAnyOrder(gpu.id(), held.id());
        assertThat(counted.calls()).as("one call for the page and its reasons").containsExactly("listTasks");

        hub.api().retryTask(parent.id(), false);
        listing.refresh();
        assertThat(listing.stuck()).containsExactly(gpu.id());
        hub.api().cancelTask(running.id());
    }
}
