package dev.dobby.hub.store.postgres;

import dev.dobby.hub.store.Store;
import dev.dobby.hub.store.StoreContract;
import dev.dobby.hub.store.sqlite.JdbiStore;
import dev.dobby.protocol.event.HubEvent;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The store contract, unchanged, on a real PostgreSQL server. */
class PostgresStoreTest extends StoreContract {
    private final Map<Path, String> databases = new HashMap<>();

    @Override
    protected Store open(Path dir, Consumer<List<HubEvent>> publisher) {
        String url = databases.computeIfAbsent(dir, d -> PostgresServer.shared().createDatabase());
        return PostgresStore.open(PostgresServer.url(url), JdbiStore.Fence.NONE, publisher);
    }
}
