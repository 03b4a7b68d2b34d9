package dev.dobby.app.theme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks the OS whether it is in dark mode. JavaFX 21 cannot tell, so this reads the setting each desktop keeps:
 * macOS's AppleInterfaceStyle, Windows' AppsUseLightTheme, GNOME's color-scheme (or GTK_THEME). Empty when the
 * answer is unknown; it runs a small program, so callers keep it off the FX thread.
 */
public final class OsTheme {
    private static final long LIMIT_MS = 1500;

    private OsTheme() {
    }

    public static Optional<Theme> detect(String osName, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            // Prints "Dark" in dark mode; exits non-zero (the key is absent) in light mode.
            return run(List.of("defaults", "read", "-g", "AppleInterfaceStyle"))
                    .map(out -> out.toLowerCase(Locale.ROOT).contains("dark") ? Theme.DARK : Theme.LIGHT)
                    .or(() -> Optional.of(Theme.LIGHT));
        }
        if (os.contains("win")) {
            return run(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme")).flatMap(OsTheme::fromRegistry);
        }
        String gtk = env.getOrDefault("GTK_THEME", "");
        if (gtk.toLowerCase(Locale.ROOT).contains("dark")) {
            return Optional.of(Theme.DARK);
        }
        return run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")).map(out ->
                out.contains("dark") ? Theme.DARK : Theme.LIGHT);
    }

    static Optional<Theme> fromRegistry(String output) {
        String compact = output.replaceAll("\\s+", " ");
        if (compact.contains("AppsUseLightTheme REG_DWORD 0x0")) {
            return Optional.of(Theme.DARK);
        }
        if (compact.contains("AppsUseLightTheme REG_DWORD 0x1")) {
            return Optional.of(Theme.LIGHT);
        }
        return Optional.empty();
    }

    private static Optional<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(LIMIT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();  // the tool is not installed: no opinion
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
