package dev.dobby.app.notify;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Notices shown inside the window: the latest in a banner, the recent ones in a list. Used where the OS has no
 * tray (some Linux desktops, headless runs); the window says so.
 */
public final class InAppNotifier implements Notifier {
    static final int KEEP = 50;

    private final ObjectProperty<Notice> latest = new SimpleObjectProperty<>();
    private final ObservableList<Notice> recent = FXCollections.observableArrayList();

    @Override
    public void show(Notice notice) {
        recent.addFirst(notice);
        if (recent.size() > KEEP) {
            recent.remove(KEEP, recent.size());
        }
        latest.set(notice);
    }


    /** The notice the banner shows; set to null when the user dismisses it. */
    public ObjectProperty<Notice> latestProperty() {
        return latest;
    }

    public ObservableList<Notice> recent() {
        return recent;
    }
}
