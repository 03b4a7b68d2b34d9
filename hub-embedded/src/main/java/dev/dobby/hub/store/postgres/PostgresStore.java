package dev.dobby.hub.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dobby.hub.store.Store;
import dev.dobby.hub.store.sqlite.JdbiStore;
import dev.dobby.protocol.event.HubEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The store on a PostgreSQL database: the same queries, migrations and single writer as the SQLite store, over
 * the network. Several hubs may point at one database; the {@link JdbiStore.Fence} then makes sure only the one
 * that leads writes.
 */
public final class PostgresStore implements Store {
    private static final int READERS = 4;

    private final PostgresUrl url;
    private final JdbiStore store;

    private PostgresStore(PostgresUrl url, JdbiStore.Fence fence, Consumer<List<HubEvent>> publisher) {
        this.url = url;
        Jdbi writer = Jdbi.create(url.jdbcUrl(), url.properties());
        this.store = new JdbiStore(new PostgresDialect(), writer::open, () -> readers(url), fence, publisher,
                handle -> { });
    }

    /** Connect, and migrate the database to this build's schema (refusing one that is newer). */
    public static PostgresStore open(PostgresUrl url, JdbiStore.Fence fence, Consumer<List<HubEvent>> publisher) {
        return new PostgresStore(url, fence, publisher);
    }

    private static HikariDataSource readers(PostgresUrl url) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url.jdbcUrl());
        pool.setDataSourceProperties(url.properties());
        pool.setMaximumPoolSize(READERS);
        pool.setMinimumIdle(1);
        pool.setPoolName("dobby-pg-readers");
        pool.setReadOnly(true);
        pool.setConnectionTimeout(TimeUnit.SECONDS.toMillis(30));
        return new HikariDataSource(pool);
    }

    public PostgresUrl url() {
        return url;
    }

    @Override
    public <T> CompletableFuture<T> submit(WriteJob<T> job) {
        return store.submit(job);
    }

    @Override
    public <T> T read(ReadJob<T> job) {
        return store.read(job);
    }

    @Override
    public void close() {
        store.close();
    }
}
