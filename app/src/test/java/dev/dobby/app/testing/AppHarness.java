package dev.dobby.app.testing;

import dev.dobby.agent.runner.ShellBackend;
import dev.dobby.app.ControlCentre;
import dev.dobby.app.hub.EmbeddedHub;
import dev.dobby.hub.Hub;
import dev.dobby.hub.config.HubConfig;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.ScriptedAgentBackend;
import dev.dobby.hub.testing.SteppedClock;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real app on a TestFX stage, with a real embedded hub: port 0, a SQLite file in a temp folder, the shell
 * backend and {@link ScriptedAgentBackend} as "claude", a clock the test can step and no automatic watchdog ticks.
 * No tray: notices go to the in-app banner and to {@link #notices()}.
 */
public final class AppHarness {
    public static final Duration LIMIT = Duration.ofSeconds(30);

    private final Path home;
    private final SteppedClock clock = SteppedClock.running(Instant.now());
    private final RecordingNotifier notices = new RecordingNotifier();
    private ControlCentre centre;

    public AppHarness(Path home) {
        this.home = home;
    }

    /** Builds the control centre on {@code stage} and starts it; call from TestFX's {@code @Start}. */
    public ControlCentre start(Stage stage) {
        HubConfig config = HubConfig.defaults(home).withPort(0).withKillGrace(Duration.ofSeconds(1));
        centre = new ControlCentre(stage, new ControlCentre.Setup(
                EmbeddedHub.starting(() -> Hub.builder().config(config).clock(clock).automaticTicks(false)
                        .backends(List.of(new ShellBackend(), new ScriptedAgentBackend()))),
                "Starting the test hub", List.of(notices), false, () -> { }));
        centre.start();
        return centre;
    }

    public void awaitReady() {
        Await.until(() -> centre.phaseProperty().get(), p -> p == ControlCentre.Phase.READY, LIMIT,
                "the app to be ready");
        WaitForAsyncUtils.waitForFxEvents();
    }

    public void stop() {
        if (centre == null) {
            return;
        }
        fx(() -> {
            centre.quit();
            return null;
        });
        Await.until(() -> centre.phaseProperty().get(), p -> p == ControlCentre.Phase.STOPPED, LIMIT,
                "the app to stop");
    }

    public ControlCentre centre() {
        return centre;
    }

    public Hub hub() {
        return ((EmbeddedHub) centre.connection()).hub();
    }

    public HubApi api() {
        return centre.connection().api();
    }

    public SteppedClock clock() {
        return clock;
    }

    public RecordingNotifier notices() {
        return notices;
    }

    public Path home() {
        return home;
    }

    public Project project(String name) {
        try {
            Path dir = Files.createDirectories(home.resolve("projects").resolve(name));
            return api().registerProject(NewProject.of(name, dir.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code work} on the FX thread and returns its result. */
    public static <T> T fx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the FX thread did not answer", e);
        }
    }

    /** Waits until what the UI shows (read on the FX thread) satisfies {@code done}. */
    public static <T> T awaitUi(Callable<T> probe, Predicate<T> done, String what) {
        return Await.until(() -> fx(probe), done, LIMIT, what);
    }
}
