package dev.dobby.app.theme;

import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The theme in force. It starts light, follows the OS once that answers, and stops following once the user picks
 * one. Applying a theme is the job of {@code applier} (the app sets the user-agent stylesheet).
 */
public final class ThemeModel {
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private boolean chosenByUser;

    public ThemeModel(Consumer<Theme> applier) {
        theme.addListener((obs, old, now) -> applier.accept(now));
        applier.accept(theme.get());
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public Theme theme() {
        return theme.get();
    }

    /** What the OS said; ignored once the user has chosen. */
    public void osSays(Theme value) {
        if (!chosenByUser) {
            theme.set(value);
        }
    }

    public void choose(Theme value) {
        chosenByUser = true;
        theme.set(value);
    }

    public void toggle() {
        choose(theme.get().other());
    }
}
