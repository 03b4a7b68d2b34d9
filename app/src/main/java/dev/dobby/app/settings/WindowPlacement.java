package dev.dobby.app.settings;

import java.util.List;
import java.util.Optional;

/**
 * Where the main window opens: where it was last time if that still lies on a screen, else a share of the
 * primary screen, never smaller than the layout needs and never larger than the screen.
 */
public final class WindowPlacement {
    /** The share of the screen a first window takes. */
    static final double SHARE = 0.82;
    /** Below this the task table, its actions and the detail tabs no longer fit side by side. */
    public static final double MIN_WIDTH = 1120;
    public static final double MIN_HEIGHT = 720;

    public record Bounds(double x, double y, double width, double height) {
        boolean overlaps(Bounds other) {
            return x < other.x + other.width && other.x < x + width && y < other.y + other.height
                    && other.y < y + height;
        }
    }

    private WindowPlacement() {
    }

    /**
     * @param remembered where the window was when the app last closed
     * @param primary    the primary screen's usable area
     * @param screens    every screen's usable area
     */
    public static Bounds choose(Optional<Bounds> remembered, Bounds primary, List<Bounds> screens) {
        if (remembered.isPresent() && remembered.get().width() >= 400 && remembered.get().height() >= 300
                && screens.stream().anyMatch(s -> s.overlaps(remembered.get()))) {
            return remembered.get();
        }
        double width = Math.min(primary.width(), Math.max(MIN_WIDTH, Math.round(primary.width() * SHARE)));
        double height = Math.min(primary.height(), Math.max(MIN_HEIGHT, Math.round(primary.height() * SHARE)));
        return new Bounds(primary.x() + (primary.width() - width) / 2, primary.y() + (primary.height() - height) / 2,
                width, height);
    }
}
