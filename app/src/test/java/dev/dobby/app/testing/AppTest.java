package dev.dobby.app.testing;

import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.api.FxToolkit;

/** A TestFX test of the real app on a real embedded hub in a fresh home folder, stopped after each test. */
@ExtendWith(ApplicationExtension.class)
public abstract class AppTest {
    @TempDir
    protected Path home;

    protected AppHarness app;

    /** TestFX looks for {@code @Start} only in the test class itself, so the base class sets the stage up here. */
    @BeforeEach
    void startApp() throws TimeoutException {
        FxToolkit.setupStage(stage -> {
            app = new AppHarness(home);
            app.start(stage);
        });
    }

    @AfterEach
    void stopApp() {
        app.stop();
    }
}
