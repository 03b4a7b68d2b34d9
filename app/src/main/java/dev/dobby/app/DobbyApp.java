package dev.dobby.app;

import dev.dobby.app.hub.EmbeddedHub;
import dev.dobby.app.hub.HubConnection;
import dev.dobby.app.hub.RemoteHub;
import dev.dobby.app.launch.AppOptions;
import dev.dobby.app.settings.AppSettings;
import dev.dobby.hub.Hub;
import dev.dobby.hub.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: reads the launch options {@link Main} left, and starts the control centre. */
public final class DobbyApp extends Application {
    private static volatile AppOptions options;
    private static volatile ControlCentre centre;
    private static volatile long mainEnteredMillis;

    static void prepare(AppOptions value, long mainEnteredAtMillis) {
        options = value;
        mainEnteredMillis = mainEnteredAtMillis;
    }

    /** A later launch asked for the window (single instance). */
    static void showRequested() {
        Platform.runLater(() -> {
            if (centre != null) {
                centre.showWindow();
            }
        });
    }

    /**
     * For --exit-after-start: ask the hub for its health over real HTTP (as the CLI and dashboard would), print
     * the start-up timings, and quit. Exit code 3 when the hub does not answer.
     */
    private void smokeCheck(ControlCentre.Timings timings) {
        long processStart = dev.dobby.app.launch.ProcessStart.epochMillis();
        String address = centre.connection().address();
        try {
            String health = new dev.dobby.protocol.client.HubHttpClient(address, options.apiKey()).health().status();
            System.out.printf("dobby-app: ready at %s (health: %s); main() %d ms, first frame %d ms, hub ready %d ms,"
                            + " main window %d ms after process start%n", address, health,
                    mainEnteredMillis - processStart, timings.firstFrame().toEpochMilli() - processStart,
                    timings.hubReady().toEpochMilli() - processStart,
                    timings.windowReady().toEpochMilli() - processStart);
        } catch (RuntimeException e) {
            System.out.println("dobby-app: the hub at " + address + " did not answer: " + e.getMessage());
            exitCode = 3;
        }
        System.out.flush();
        Platform.runLater(centre::quit);
    }

    static volatile int exitCode;

    @Override
    public void start(Stage stage) {
        AppOptions chosen = options;
        HubConnection.Opener opener;
        String starting;
        if (chosen.embedded()) {
            Path home = ConfigLoader.home(System.getenv());
            opener = EmbeddedHub.starting(() -> {
                ConfigLoader.Loaded loaded = ConfigLoader.load(chosen.flags(), System.getenv(),
                        Path.of("").toAbsolutePath());
                loaded.warnings().forEach(w -> System.err.println("dobby app: " + w));
                return Hub.builder().config(loaded.config());
            });
            starting = "Starting the hub (data in " + home + ")";
        } else {
            opener = RemoteHub.attaching(chosen.hubUrl(), chosen.apiKey());
            starting = "Connecting to the hub at " + chosen.hubUrl();
        }
        AppSettings settings = AppSettings.load(ConfigLoader.home(System.getenv()).resolve("app.properties"));
        centre = new ControlCentre(stage, new ControlCentre.Setup(opener, starting, List.of(), true, Platform::exit,
                settings));
        if (chosen.exitAfterStart()) {
            centre.onReady(timings -> Thread.ofPlatform().name("dobby-app-smoke").start(() -> smokeCheck(timings)));
            // A smoke test must end either way: a hub that fails to start would otherwise leave the window waiting.
            centre.phaseProperty().addListener((property, before, now) -> {
                if (now == ControlCentre.Phase.FAILED) {
                    System.out.println("dobby-app: the hub did not start (see the log above)");
                    System.out.flush();
                    exitCode = 3;
                    Platform.runLater(centre::quit);
                }
            });
        }
        ControlCentre started = centre;
        Runtime.getRuntime().addShutdownHook(new Thread(started::stopHubNow, "dobby-app-shutdown"));
        centre.start();
    }
}
