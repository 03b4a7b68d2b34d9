package dev.dobby.hub.testing;

import dev.dobby.hub.Hub;
import dev.dobby.hub.config.HubConfig;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.client.HubHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A real hub for tests: port 0, a real SQLite file in a temp folder, a short kill grace. */
public final class TestHub implements AutoCloseable {
    private final Path home;
    private final Hub hub;

    private TestHub(Path home, Hub hub) {
        this.home = home;
        this.hub = hub;
    }

    public static TestHub start(Path home) {
        return start(home, UnaryOperator.identity(), UnaryOperator.identity());
    }

    public static TestHub start(Path home, UnaryOperator<HubConfig> config) {
        return start(home, config, UnaryOperator.identity());
    }

    public static TestHub start(Path home, UnaryOperator<HubConfig> config, UnaryOperator<Hub.Builder> builder) {
        HubConfig base = HubConfig.defaults(home).withPort(0).withKillGrace(Duration.ofSeconds(1));
        Hub hub = builder.apply(Hub.builder().config(config.apply(base))).build().start();
        return new TestHub(home, hub);
    }

    public Hub hub() {
        return hub;
    }

    public HubApi api() {
        return hub.api();
    }

    public String url() {
        return hub.localUrl().toString();
    }

    public HubHttpClient client() {
        return new HubHttpClient(url(), hub.config().apiKey());
    }

    public Path home() {
        return home;
    }

    /** A project on a fresh directory under the test's home. */
    public Project project(String name) {
        try {
            Path dir = Files.createDirectories(home.resolve("projects").resolve(name));
            return api().registerProject(NewProject.of(name, dir.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Task shell(String project, String command) {
        return api().createTask(NewTask.of(command, project).withBackend(Backend.SHELL));
    }

    /** Wait until the task reaches {@code status} (failing the test after {@code limit}). */
    public Task awaitStatus(long taskId, TaskStatus status, Duration limit) {
        return Await.until(() -> api().getTask(taskId), t -> t.status() == status, limit,
                "task " + taskId + " to become " + status.wire());
    }

    public Task awaitEnd(long taskId, Duration limit) {
        return Await.until(() -> api().getTask(taskId), t -> t.status().isTerminal(), limit,
                "task " + taskId + " to end");
    }

    @Override
    public void close() {
        hub.stop();
    }
}
