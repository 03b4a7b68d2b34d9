package dev.dobby.hub.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dobby.hub.store.Store;
import dev.dobby.protocol.event.HubEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store on one SQLite file in WAL mode: the one write connection, and a small pool of long-lived read-only
 * connections that never wait for the writer.
 */
public final class SqliteStore implements Store {
    private static final int READERS = 4;

    private final Path file;
    private final JdbiStore store;

    private SqliteStore(Path file, Consumer<List<HubEvent>> publisher) {
        this.file = file;
        // The readers open once the writer has migrated: a read-only connection cannot create the WAL file.
        this.store = new JdbiStore(Dialect.SQLITE, Jdbi.create(dataSource(file, false))::open, () -> readers(file),
                JdbiStore.Fence.NONE, publisher, handle -> handle.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
    }

    private static HikariDataSource readers(Path file) {
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(dataSource(file, true));
        pool.setMaximumPoolSize(READERS);
        pool.setMinimumIdle(READERS);
        pool.setPoolName("dobby-readers");
        pool.setReadOnly(true);
        pool.setConnectionTimeout(TimeUnit.SECONDS.toMillis(30));
        return new HikariDataSource(pool);
    }

    /** Open (creating it and its directory if needed) and migrate the database at {@code file}. */
    public static SqliteStore open(Path file, Consumer<List<HubEvent>> publisher) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory for " + file, e);
        }
        return new SqliteStore(file, publisher);
    }

    public Path file() {
        return file;
    }

    private static SQLiteDataSource dataSource(Path file, boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setReadOnly(readOnly);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return source;
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
