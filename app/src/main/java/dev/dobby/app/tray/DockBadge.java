package dev.dobby.app.tray;

import java.awt.Taskbar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number of running tasks on the app's dock icon (macOS) or task bar entry, where the platform has badges;
 * elsewhere (Linux, a headless run) it does nothing.
 */
public final class DockBadge {
    private static final Logger log = LoggerFactory.getLogger(DockBadge.class);

    private final Taskbar taskbar;

    private DockBadge(Taskbar taskbar) {
        this.taskbar = taskbar;
    }

    /** A badge where the platform has one; {@code null} where it has none. */
    public static DockBadge ifSupported() {
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless() && Taskbar.isTaskbarSupported()
                    && Taskbar.getTaskbar().isSupported(Taskbar.Feature.ICON_BADGE_NUMBER)) {
                return new DockBadge(Taskbar.getTaskbar());
            }
        } catch (RuntimeException | LinkageError e) {
            log.debug("no dock badge: {}", e.toString());
        }
        return null;
    }

    /** Shows {@code running}; none when zero. Call off the FX thread (AWT). */
    public void show(long running) {
        try {
            taskbar.setIconBadge(running > 0 ? Long.toString(running) : null);
        } catch (RuntimeException e) {
            log.debug("dock badge refused: {}", e.toString());
        }
    }
}
