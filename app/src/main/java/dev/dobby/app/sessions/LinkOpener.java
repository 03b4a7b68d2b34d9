package dev.dobby.app.sessions;

import java.awt.Desktop;
import java.net.URI;
import javafx.application.Platform;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Opens a session's link in the user's browser; where the desktop offers no browser, copies it instead. */
public final class LinkOpener {
    private LinkOpener() {
    }

    public static void open(String link) {
        // AWT's browse call can block for a while: never on the FX thread.
        Thread.ofPlatform().name("dobby-open-link").daemon().start(() -> {
            try {
                if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                    Desktop.getDesktop().browse(URI.create(link));
                    return;
                }
            } catch (Exception e) {
                // fall through to the clipboard
            }
            Platform.runLater(() -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(link);
                Clipboard.getSystemClipboard().setContent(content);
            });
        });
    }
}
