package dev.dobby.hub.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The hub's persistence port. Writes run one at a time on the store's writer, each job in its own savepoint,
 * several jobs per transaction when they queue up; events recorded by a job are published only after its
 * transaction commits. Reads see the last committed state.
 */
public interface Store extends AutoCloseable {

    <T> CompletableFuture<T> submit(WriteJob<T> job);

    /** Run a write job and wait for it; its exception, if any, is rethrown unwrapped. */
    default <T> T write(WriteJob<T> job) {
        try {
            return submit(job).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    <T> T read(ReadJob<T> job);

    @Override
    void close();

    @FunctionalInterface
    interface WriteJob<T> {
        T run(WriteTx tx);
    }

    @FunctionalInterface
    interface ReadJob<T> {
        T run(ReadTx tx);
    }
}
