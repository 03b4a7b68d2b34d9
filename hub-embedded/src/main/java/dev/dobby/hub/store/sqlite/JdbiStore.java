package dev.dobby.hub.store.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import dev.dobby.hub.store.ReadTx;
import dev.dobby.hub.store.Store;
import dev.dobby.protocol.event.HubEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store over JDBC, whichever the database. A single writer thread owns the one write connection: it takes
 * whatever write jobs are queued (up to {@link #MAX_BATCH}), runs each in its own savepoint inside one
 * transaction, commits once, then completes the jobs and publishes their events in sequence order. Readers use
 * a small pool of connections and never wait for the writer. Each transaction first passes the fence: a store
 * that may share its database with other hubs proves there that it still leads, or writes nothing.
 */
public final class JdbiStore implements Store {
    private static final Logger log = LoggerFactory.getLogger(JdbiStore.class);
    static final int MAX_BATCH = 256;

    private final Dialect dialect;
    private final Consumer<List<HubEvent>> publisher;
    private final BlockingQueue<PendingWrite<?>> queue = new LinkedBlockingQueue<>();
    private final Supplier<Handle> connect;
    private final Fence fence;
    private Handle writer;
    private final Jdbi readers;
    private final HikariDataSource readerPool;
    private final Runnable beforeClose;
    private final SqliteWriteTx.Sequence sequence;
    private final Thread writerThread;
    private volatile boolean closing;
    private boolean writerSuspect;

    private record PendingWrite<T>(WriteJob<T> job, CompletableFuture<T> future) {
    }

    /** Checked at the start of every write transaction; throws to refuse it. */
    @FunctionalInterface
    public interface Fence {
        Fence NONE = handle -> { };

        void check(Handle handle);
    }

    /**
     * @param connect     opens the write connection (again, after one is lost)
     * @param openReaders opens the read pool, once the schema is migrated; it closes with the store
     * @param beforeClose run on the write connection's last moments (a checkpoint), may be a no-op
     */
    public JdbiStore(Dialect dialect, Supplier<Handle> connect, Supplier<HikariDataSource> openReaders, Fence fence,
                     Consumer<List<HubEvent>> publisher, Consumer<Handle> beforeClose) {
        this.dialect = dialect;
        this.publisher = publisher;
        this.connect = connect;
        this.fence = fence;
        this.writer = connect.get();
        Migrations.apply(writer, dialect);
        this.sequence = new SqliteWriteTx.Sequence(new SqliteReadTx(writer, dialect).lastSeq());
        this.readerPool = openReaders.get();
        this.readers = Jdbi.create(readerPool);
        this.beforeClose = () -> beforeClose.accept(writer);
        this.writerThread = Thread.ofPlatform().name("dobby-store-writer").daemon().start(this::writeLoop);
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
        return readers.withHandle(handle -> job.run((ReadTx) new SqliteReadTx(handle, dialect)));
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
            if (writerSuspect) {
                reconnectIfLost();
            }
            writer.begin();
            fence.check(writer);
            for (int i = 0; i < batch.size(); i++) {
                results.add(runInSavepoint(batch.get(i), i, events));
            }
            writer.commit();
        } catch (RuntimeException commitFailure) {
            // The transaction as a whole failed (disk full, database locked past the timeout): nothing was applied.
            rollbackQuietly();
            writerSuspect = true;
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

    private void reconnectIfLost() {
        writerSuspect = false;
        try {
            if (writer.getConnection().isValid(5)) {
                return;
            }
        } catch (java.sql.SQLException e) {
            log.debug("checking the write connection failed", e);
        }
        log.warn("the write connection was lost; opening another");
        try {
            writer.close();
        } catch (RuntimeException e) {
            log.debug("closing the lost connection failed", e);
        }
        writer = connect.get();
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
            Object value = pending.job().run(new SqliteWriteTx(writer, dialect, sequence, events));
            writer.releaseSavepoint(savepoint);
            return value;
        } catch (RuntimeException jobFailure) {
            // The rolled-back savepoint stays open until the transaction commits; that is harmless.
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
            beforeClose.run();
        } catch (RuntimeException e) {
            log.debug("the last statement before close failed", e);
        }
        writer.close();
    }
}
