package dev.dobby.hub.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.hub.store.ClaimSpec;
import dev.dobby.hub.store.Claimed;
import dev.dobby.hub.store.Store;
import dev.dobby.hub.store.StoreContract;
import dev.dobby.hub.store.TaskInsert;
import dev.dobby.hub.store.sqlite.JdbiStore;
import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.HubEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The store contract, unchanged, on a real PostgreSQL server; and what only a shared database can show. */
class PostgresStoreTest extends StoreContract {
    private final Map<Path, String> databases = new HashMap<>();

    @Override
    protected Store open(Path dir, Consumer<List<HubEvent>> publisher) {
        return PostgresStore.open(PostgresServer.url(url(dir)), JdbiStore.Fence.NONE, publisher);
    }

    private String url(Path dir) {
        return databases.computeIfAbsent(dir, d -> PostgresServer.shared().createDatabase());
    }

    @Test
    void claimsFromManyConnectionsNeverShareATaskAndKeepEachProjectsLimit() throws Exception {
        store.write(tx -> {
            tx.insertProject(new Project("wide", "/tmp/wide", null, new ProjectPolicy(null, null, 100, null, null),
                    T0), T0);
            for (String project : List.of("alpha", "beta", "wide")) {
                for (int i = 0; i < 20; i++) {
                    tx.insertTask(new TaskInsert("do " + project, project, Backend.SHELL, Priority.NORMAL,
                            TaskStatus.PENDING, null, 60, null, null, List.of(), false, AgentOptions.NONE, null, T0));
                }
            }
            return null;
        });
        List<Store> stores = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stores.add(open(dir, events -> { }));
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        ConcurrentLinkedQueue<Claimed> claims = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                Store own = stores.get(w % stores.size());
                String worker = "w" + w;
                workers.add(threads.submit(() -> {
                    go.await();
                    while (true) {
                        Optional<Claimed> claimed = own.write(tx -> tx.claimNext(new ClaimSpec(worker,
                                List.of(Backend.SHELL), List.of(), "token-" + worker, T0, T0.plusSeconds(30))));
                        if (claimed.isEmpty()) {
                            return null;
                        }
                        claims.add(claimed.get());
                    }
                }));
            }
            go.countDown();
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            threads.shutdownNow();
            stores.forEach(Store::close);
        }
        List<Long> claimedTasks = claims.stream().map(c -> c.task().id()).toList();
        assertThat(claimedTasks).doesNotHaveDuplicates().hasSize(1 + 2 + 20);
        Map<String, Integer> running = store.read(tx -> tx.runningByProject());
        assertThat(running).containsEntry("alpha", 1).containsEntry("beta", 2)
                .containsEntry("wide", 20);
        int attempts = store.read(tx -> tx.runningAttempts()).size();
        assertThat(attempts).isEqualTo(23);
    }

    @Test
    void aDatabaseFromANewerDobbyIsRefused() {
        store.close();
        String url = url(dir);
        PostgresServer.shared().execute(url.substring(url.lastIndexOf('/') + 1), "UPDATE dobby_schema SET version = 99");
        assertThatThrownBy(() -> open(dir, events -> { })).hasMessageContaining("newer than this Dobby understands");
        store = open(dir.resolve("other"), events -> { });
    }
}
