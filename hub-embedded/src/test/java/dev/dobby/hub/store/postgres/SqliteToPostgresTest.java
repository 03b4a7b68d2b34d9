package dev.dobby.hub.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.hub.store.Claimed;
import dev.dobby.hub.store.ClaimSpec;
import dev.dobby.hub.store.TaskInsert;
import dev.dobby.hub.store.sqlite.JdbiStore;
import dev.dobby.hub.store.sqlite.SqliteStore;
import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.TaskCreated;
import dev.dobby.protocol.work.OutputLine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteToPostgresTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aHubsHistoryMovesOverWhole_andANonEmptyTargetIsRefused() {
        Path file = dir.resolve("dobby.db");
        try (SqliteStore sqlite = SqliteStore.open(file, events -> { })) {
            sqlite.write(tx -> {
                tx.insertProject(new Project("alpha", "/tmp/alpha", "ctx", ProjectPolicy.DEFAULT, T0), T0);
                long parent = tx.insertTask(task("first"));
                long child = tx.insertTask(task("second"));
                tx.insertDependencies(child, List.of(parent));
                Task created = tx.task(parent).orElseThrow();
                tx.record(new TaskCreated(0, T0, created));
                return null;
            });
            Claimed claimed = sqlite.write(tx -> tx.claimNext(new ClaimSpec("w", List.of(Backend.SHELL), List.of(),
                    "token", T0, T0.plusSeconds(30)))).orElseThrow();
            sqlite.write(tx -> tx.appendLogs(claimed.task().id(), 1, List.of(
                    new OutputLine("stdout", T0, "hello"), new OutputLine("stdout", T0, "world"))));
        }
        String url = PostgresServer.shared().createDatabase();
        Map<String, Long> copied = SqliteToPostgres.copy(file, PostgresServer.url(url));
        assertThat(copied).containsEntry("tasks", 2L).containsEntry("task_deps", 1L).containsEntry("attempts", 1L)
                .containsEntry("log_lines", 2L).containsEntry("events", 1L).containsEntry("projects", 1L);
        assertThat(copied.keySet().stream().toList().indexOf("projects"))
                .isLessThan(copied.keySet().stream().toList().indexOf("tasks"));

        try (PostgresStore postgres = PostgresStore.open(PostgresServer.url(url), JdbiStore.Fence.NONE, events -> { })) {
            assertThat(postgres.read(tx -> tx.task(2)).orElseThrow().dependsOn()).containsExactly(1L);
            assertThat(postgres.read(tx -> tx.logs(1, 0, 10)).lines()).extracting(l -> l.text())
                    .containsExactly("hello", "world");
            // New rows take ids after the copied ones, and the event sequence goes on.
            long next = postgres.write(tx -> tx.insertTask(task("third")));
            assertThat(next).isEqualTo(3);
        }
        assertThatThrownBy(() -> SqliteToPostgres.copy(file, PostgresServer.url(url)))
                .hasMessageContaining("not empty");
    }

    private static TaskInsert task(String description) {
        return new TaskInsert(description, "alpha", Backend.SHELL, Priority.NORMAL, TaskStatus.PENDING, null, 60, null,
                null, List.of(), false, AgentOptions.NONE, null, T0);
    }
}
