package dev.dobby.hub.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dobby.hub.store.ReadTx;
import dev.dobby.hub.store.Store;
import dev.dobby.protocol.event.HubEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store on one SQLite file in WAL mode. A single writer thread owns the only write connection: it takes
 * whatever write jobs are queued (up to {@link #MAX_BATCH}), runs each in its own savepoint inside one
 * transaction, commits once, then completes the jobs and publishes their events in sequence order. Readers use
 * a small pool of long-lived read-only connections and never wait for the writer.
 */
public final class SqliteStore implements Store {
    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);
    static final int MAX_BATCH = 256;
    private static final int READERS = 4;

    private final Path file;
    private final Consumer<List<HubEvent>> publisher;
    private final BlockingQueue<PendingWrite<?>> queue = new LinkedBlockingQueue<>();
    private final Handle writer;
    private final HikariDataSource readerPool;
    private final Jdbi readers;
    private final SqliteWriteTx.Sequence sequence;
    private final Thread writerThread;
    private volatile boolean closing;

    private record PendingWrite<T>(WriteJob<T> job, CompletableFuture<T> future) {
    }

    private SqliteStore(Path file, Consumer<List<HubEvent>> publisher) {
        this.file = file;
        this.publisher = publisher;
        this.writer = Jdbi.create(dataSource(file, false)).open();
        Migrations.apply(writer);
        this.sequence = new SqliteWriteTx.Sequence(new SqliteReadTx(writer).lastSeq());

        HikariConfig pool = new HikariConfig();
        pool.setDataSource(dataSource(file, true));
        pool.setMaximumPoolSize(READERS);
        pool.setMinimumIdle(READERS);
        pool.setPoolName("dobby-readers");
        pool.setReadOnly(true);
        pool.setConnectionTimeout(TimeUnit.SECONDS.toMillis(30));
        this.readerPool = new HikariDataSource(pool);
        this.readers = Jdbi.create(readerPool);

        this.writerThread = Thread.ofPlatform().name("dobby-store-writer").daemon().start(this::writeLoop);
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
        CompletableFuture<T> future = new CompletableFuture<>();
        if (closing) {
            future.completeExceptionally(new IllegalStateException("the store is closed"));
            return future;
        }
        queue.add(new PendingWrite<>(job, future));
        return future;
    }

    @Override
    public <T> T read(ReadJob<T> job) {
        return readers.withHandle(handle -> job.run((ReadTx) new SqliteReadTx(handle)));
    }

    private void writeLoop() {
        List<PendingWrite<?>> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                PendingWrite<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                runBatch(batch);
            } catch (InterruptedException e) {
                if (closing && queue.isEmpty()) {
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void runBatch(List<PendingWrite<?>> batch) {
        List<HubEvent> events = new ArrayList<>();
        List<Object> results = new ArrayList<>(batch.size());
        long seqBefore = sequence.last();
        try {
            writer.begin();
            for (int i = 0; i < batch.size(); i++) {
                results.add(runInSavepoint(batch.get(i), i, events));
            }
            writer.commit();
        } catch (RuntimeException commitFailure) {
            // The transaction as a whole failed (disk full, database locked past the timeout): nothing was applied.
            rollbackQuietly();
            sequence.reset(seqBefore);
            log.error("a write transaction failed and was rolled back", commitFailure);
            batch.forEach(pending -> pending.future().completeExceptionally(commitFailure));
            return;
        }
        if (!events.isEmpty()) {
            try {
                publisher.accept(List.copyOf(events));
            } catch (RuntimeException e) {
                log.error("publishing events failed", e);
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i));
        }
    }

    /** Outcome of one job: its value, or the exception that rolled its savepoint back. */
    private record Failed(RuntimeException error) {
    }

    private Object runInSavepoint(PendingWrite<?> pending, int index, List<HubEvent> events) {
        String savepoint = "job" + index;
        int eventsBefore = events.size();
        long seqBefore = sequence.last();
        writer.savepoint(savepoint);
        try {
            Object value = pending.job().run(new SqliteWriteTx(writer, sequence, events));
            writer.releaseSavepoint(savepoint);
            return value;
        } catch (RuntimeException jobFailure) {
            // Jdbi forgets a savepoint once rolled back to, so releasing it here would throw and fail the whole
            // batch; SQLite keeps it open until the commit, which releases it.
            writer.rollbackToSavepoint(savepoint);
            events.subList(eventsBefore, events.size()).clear();
            sequence.reset(seqBefore);
            return new Failed(jobFailure);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(PendingWrite<T> pending, Object outcome) {
        if (outcome instanceof Failed failed) {
            pending.future().completeExceptionally(failed.error());
        } else {
            pending.future().complete((T) outcome);
        }
    }

    private void rollbackQuietly() {
        try {
            if (writer.isInTransaction()) {
                writer.rollback();
            }
        } catch (RuntimeException e) {
            log.warn("rollback failed", e);
        }
    }

    /** Finish queued writes, then close every connection. Idempotent. */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            writerThread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PendingWrite<?> left;
        while ((left = queue.poll()) != null) {
            left.future().completeExceptionally(new IllegalStateException("the store closed before this write ran"));
        }
        readerPool.close();
        try {
            writer.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (RuntimeException e) {
            log.debug("checkpoint on close failed", e);
        }
        writer.close();
    }
}
