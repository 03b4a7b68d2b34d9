package dev.dobby.app.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThemeModelTest {

    @Test
    void followsTheOsUntilTheUserChooses() {
        List<Theme> applied = new ArrayList<>();
        ThemeModel model = new ThemeModel(applied::add);
        assertThat(applied).containsExactly(Theme.LIGHT);
        model.osSays(Theme.DARK);
        assertThat(model.theme()).isEqualTo(Theme.DARK);
        model.toggle();
        assertThat(model.theme()).isEqualTo(Theme.LIGHT);
        model.osSays(Theme.DARK);
        assertThat(model.theme()).isEqualTo(Theme.LIGHT);
        assertThat(applied).containsExactly(Theme.LIGHT, Theme.DARK, Theme.LIGHT);
    }

    @Test
    void readsTheWindowsSettingAndGtkThemeName() {
        assertThat(OsTheme.fromRegistry("\n    AppsUseLightTheme    REG_DWORD    0x0\n")).contains(Theme.DARK);
        assertThat(OsTheme.fromRegistry("    AppsUseLightTheme    REG_DWORD    0x1")).contains(Theme.LIGHT);
        assertThat(OsTheme.fromRegistry("nothing")).isEmpty();
        assertThat(OsTheme.detect("Linux", Map.of("GTK_THEME", "Adwaita:dark"))).contains(Theme.DARK);
    }
}
