package dev.dobby.app.fx;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where hub calls run: never on the FX thread. {@link #call} runs the work on a small pool and hands the outcome
 * to the UI executor ({@code Platform::runLater} in the app, the calling thread in view-model tests).
 */
public final class Background implements AutoCloseable {
    private final Executor work;
    private final ExecutorService pool;
    private final Executor ui;

    private Background(Executor work, ExecutorService pool, Executor ui) {
        this.work = work;
        this.pool = pool;
        this.ui = ui;
    }

    /** Hub calls on a pool of four threads, results delivered through {@code ui}. */
    public static Background pooled(Executor ui) {
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> Thread.ofPlatform().name("dobby-app-call", 0)
                .daemon().unstarted(r));
        return new Background(pool, pool, ui);
    }

    /** For view-model tests: the work and its result run on the calling thread, in order. */
    public static Background direct() {
        return new Background(Runnable::run, null, Runnable::run);
    }

    public Executor ui() {
        return ui;
    }

    public <T> void call(Callable<T> task, Consumer<? super T> onResult, Consumer<? super Throwable> onError) {
        try {
            submit(task, onResult, onError);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The app is quitting: a view that reacts to a last event has nothing left to ask.
        }
    }

    private <T> void submit(Callable<T> task, Consumer<? super T> onResult, Consumer<? super Throwable> onError) {
        work.execute(() -> {
            T value;
            try {
                value = task.call();
            } catch (Exception | Error e) {
                ui.execute(() -> onError.accept(e));
                return;
            }
            ui.execute(() -> onResult.accept(value));
        });
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
