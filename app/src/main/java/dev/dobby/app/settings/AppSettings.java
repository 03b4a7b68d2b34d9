package dev.dobby.app.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the app remembers between runs (window placement, whether to confirm destructive actions), in
 * {@code app.properties} under the app's data folder. A missing or unreadable file means the defaults; a null file
 * keeps everything in memory (tests that want a fresh window each time).
 */
public final class AppSettings {
    private static final Logger log = LoggerFactory.getLogger(AppSettings.class);

    private final Path file;
    private final Properties values = new Properties();

    private AppSettings(Path file) {
        this.file = file;
    }

    public static AppSettings load(Path file) {
        AppSettings settings = new AppSettings(file);
        if (file != null && Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                settings.values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                log.warn("ignoring the app settings in {}: {}", file, e.getMessage());
            }
        }
        return settings;
    }

    public static AppSettings inMemory() {
        return new AppSettings(null);
    }

    public boolean confirmDestructive() {
        return !"false".equals(values.getProperty("confirm.destructive"));
    }

    public void confirmDestructive(boolean confirm) {
        values.setProperty("confirm.destructive", Boolean.toString(confirm));
        save();
    }

    public Optional<WindowPlacement.Bounds> window() {
        try {
            String x = values.getProperty("window.x");
            String y = values.getProperty("window.y");
            String w = values.getProperty("window.width");
            String h = values.getProperty("window.height");
            if (x == null || y == null || w == null || h == null) {
                return Optional.empty();
            }
            return Optional.of(new WindowPlacement.Bounds(Double.parseDouble(x), Double.parseDouble(y),
                    Double.parseDouble(w), Double.parseDouble(h)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void window(WindowPlacement.Bounds bounds) {
        values.setProperty("window.x", Double.toString(bounds.x()));
        values.setProperty("window.y", Double.toString(bounds.y()));
        values.setProperty("window.width", Double.toString(bounds.width()));
        values.setProperty("window.height", Double.toString(bounds.height()));
        save();
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(partial)) {
                values.store(out, "Dobby desktop app");
            }
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("could not save the app settings to {}: {}", file, e.getMessage());
        }
    }
}
