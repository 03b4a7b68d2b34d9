package dev.dobby.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowPlacementTest {
    private static final WindowPlacement.Bounds LAPTOP = new WindowPlacement.Bounds(0, 25, 1440, 875);

    @TempDir
    Path home;

    @Test
    void aFirstWindowTakesAShareOfTheScreenCentredButNeverLessThanTheLayoutNeeds() {
        WindowPlacement.Bounds big = WindowPlacement.choose(Optional.empty(),
                new WindowPlacement.Bounds(0, 0, 2560, 1440), List.of());
        assertThat(big).isEqualTo(new WindowPlacement.Bounds(230.5, 129.5, 2099, 1181));
        WindowPlacement.Bounds laptop = WindowPlacement.choose(Optional.empty(), LAPTOP, List.of(LAPTOP));
        assertThat(laptop.width()).isEqualTo(1181);
        assertThat(laptop.height()).isEqualTo(720);
        WindowPlacement.Bounds small = WindowPlacement.choose(Optional.empty(),
                new WindowPlacement.Bounds(0, 0, 1024, 700), List.of());
        assertThat(small).isEqualTo(new WindowPlacement.Bounds(0, 0, 1024, 700));
    }

    @Test
    void theLastPlaceIsRememberedInTheDataFolderUnlessItIsOffEveryScreen() throws Exception {
        Path file = home.resolve("app.properties");
        AppSettings settings = AppSettings.load(file);
        assertThat(settings.confirmDestructive()).isTrue();
        settings.window(new WindowPlacement.Bounds(100, 80, 1300, 800));
        settings.confirmDestructive(false);

        AppSettings again = AppSettings.load(file);
        assertThat(again.confirmDestructive()).isFalse();
        assertThat(WindowPlacement.choose(again.window(), LAPTOP, List.of(LAPTOP)))
                .isEqualTo(new WindowPlacement.Bounds(100, 80, 1300, 800));
        // The screen it was on is gone: back to the default.
        again.window(new WindowPlacement.Bounds(3000, 80, 1300, 800));
        assertThat(WindowPlacement.choose(AppSettings.load(file).window(), LAPTOP, List.of(LAPTOP)).x())
                .isLessThan(1440);

        Files.writeString(file, "window.x=not a number\n");
        assertThat(AppSettings.load(file).window()).isEmpty();
    }
}
