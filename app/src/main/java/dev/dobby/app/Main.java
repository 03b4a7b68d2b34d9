package dev.dobby.app;

import dev.dobby.app.launch.AppOptions;
import dev.dobby.app.launch.SingleInstance;
import dev.dobby.hub.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;

/**
 * Entry point of {@code dobby app} and the packaged app. It is not the JavaFX {@code Application} itself, so the
 * JavaFX jars may sit on the class path. Exit codes: 0 fine (or the running app was brought forward), 2 bad
 * arguments, 1 another instance holds the lock but does not answer.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        long started = System.currentTimeMillis();
        AppOptions options;
        try {
            options = AppOptions.parse(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("dobby app: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(AppOptions.USAGE);
            return;
        }
        Path home = ConfigLoader.home(System.getenv());
        Optional<SingleInstance> instance;
        try {
            instance = SingleInstance.acquire(home, DobbyApp::showRequested);
        } catch (IOException e) {
            System.err.println("dobby app: cannot use " + home + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        if (instance.isEmpty()) {
            if (SingleInstance.signalRunning(home)) {
                System.out.println("dobby app: already running; brought its window forward");
                return;
            }
            System.err.println("dobby app: another Dobby app holds " + home.resolve("app.lock")
                    + " but does not answer; quit it first");
            System.exit(1);
            return;
        }
        DobbyApp.prepare(options, started);
        try {
            Application.launch(DobbyApp.class, args);
        } finally {
            instance.get().close();
        }
        System.exit(DobbyApp.exitCode);
    }
}
