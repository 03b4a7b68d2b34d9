package dev.dobby.app.tray;

import dev.dobby.app.notify.Notice;
import dev.dobby.app.notify.Notifier;
import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * The icon in the OS tray (menu bar on macOS) with Open, Pause dispatch and Quit, and the notifier that shows
 * notices as the OS's own balloons. AWT owns the tray, so everything here happens on AWT's thread; the actions
 * hand over to the FX thread themselves.
 */
public final class Tray {
    private final SystemTray tray;
    private final TrayIcon icon;
    private final CheckboxMenuItem pause;

    /** What the tray menu does; each is called on the AWT thread. */
    public record Actions(Runnable open, Consumer<Boolean> pause, Runnable quit, boolean canPause) {
    }

    private Tray(SystemTray tray, TrayIcon icon, CheckboxMenuItem pause) {
        this.tray = tray;
        this.icon = icon;
        this.pause = pause;
    }

    /** Why there is no tray here, or empty when there is one. Loads AWT: call it off the FX thread. */
    public static Optional<String> unavailableReason() {
        if (GraphicsEnvironment.isHeadless()) {
            return Optional.of("no display for a tray icon (headless)");
        }
        if (!SystemTray.isSupported()) {
            return Optional.of("this desktop has no system tray");
        }
        return Optional.empty();
    }

    /** Puts the icon in the tray; empty if the OS refuses. Call off the FX thread. */
    public static Optional<Tray> install(Actions actions) {
        if (unavailableReason().isPresent()) {
            return Optional.empty();
        }
        try {
            Tray[] made = new Tray[1];
            EventQueue.invokeAndWait(() -> made[0] = create(actions));
            return Optional.ofNullable(made[0]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.lang.reflect.InvocationTargetException e) {
            return Optional.empty();
        }
    }

    private static Tray create(Actions actions) {
        SystemTray tray = SystemTray.getSystemTray();
        PopupMenu menu = new PopupMenu();
        MenuItem open = new MenuItem("Open Dobby");
        open.addActionListener(e -> actions.open().run());
        CheckboxMenuItem pause = new CheckboxMenuItem("Pause dispatch");
        pause.setEnabled(actions.canPause());
        pause.addItemListener(e -> actions.pause().accept(pause.getState()));
        MenuItem quit = new MenuItem("Quit Dobby");
        quit.addActionListener(e -> actions.quit().run());
        menu.add(open);
        menu.add(pause);
        menu.addSeparator();
        menu.add(quit);
        Image image = image(tray);
        if (image == null) {
            return null;
        }
        TrayIcon icon = new TrayIcon(image, "Dobby", menu);
        icon.setImageAutoSize(true);
        icon.addActionListener(e -> actions.open().run());
        try {
            tray.add(icon);
        } catch (java.awt.AWTException e) {
            return null;
        }
        return new Tray(tray, icon, pause);
    }

    private static Image image(SystemTray tray) {
        int size = Math.max(16, tray.getTrayIconSize().height);
        String name = size > 32 ? "dobby-64.png" : size > 16 ? "dobby-32.png" : "dobby-16.png";
        try (InputStream in = Tray.class.getResourceAsStream("/dev/dobby/app/icons/" + name)) {
            return in == null ? null : ImageIO.read(in);
        } catch (IOException e) {
            return null;
        }
    }

    /** Keeps the menu's check mark in step when dispatch is paused from the window. */
    public void showPaused(boolean paused) {
        EventQueue.invokeLater(() -> pause.setState(paused));
    }

    public Notifier notifier() {
        return new Notifier() {
            @Override
            public void show(Notice notice) {
                TrayIcon.MessageType type = notice.kind().bad() ? TrayIcon.MessageType.ERROR
                        : TrayIcon.MessageType.INFO;
                EventQueue.invokeLater(() -> {
                    icon.displayMessage(notice.title(), notice.text(), type);
                    // The tray icon's tooltip is the badge: it says so while an agent account is out of quota.
                    if (notice.kind() == Notice.Kind.OUT_OF_QUOTA) {
                        icon.setToolTip("Dobby — " + notice.text());
                    } else if (notice.kind() == Notice.Kind.QUOTA_BACK) {
                        icon.setToolTip("Dobby");
                    }
                });
            }

        };
    }

    public void remove() {
        EventQueue.invokeLater(() -> tray.remove(icon));
    }
}
