package dev.dobby.app.fx;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Loads something from the hub on request, one load at a time: a request while a load runs asks for exactly one
 * more after it. Many events in a row therefore cost at most two loads, and results never arrive out of order.
 * Requests and callbacks happen on the UI thread.
 */
public final class Reloader<T> {
    private final Background background;
    private final Callable<T> load;
    private final Consumer<T> apply;
    private final Consumer<Throwable> fail;
    private boolean running;
    private boolean again;

    public Reloader(Background background, Callable<T> load, Consumer<T> apply, Consumer<Throwable> fail) {
        this.background = background;
        this.load = load;
        this.apply = apply;
        this.fail = fail;
    }

    public void request() {
        if (running) {
            again = true;
            return;
        }
        running = true;
        background.call(load, value -> {
            try {
                apply.accept(value);
            } finally {
                done();
            }
        }, error -> {
            try {
                fail.accept(error);
            } finally {
                done();
            }
        });
    }

    private void done() {
        running = false;
        if (again) {
            again = false;
            request();
        }
    }
}
